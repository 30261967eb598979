// barcode_speed: times ReadBarcodes on A4 pages at 300 dpi, the cost every page pays.
// Usage: barcode_speed [repetitions] [page image ...]. Synthetic pages (blank, text only,
// text with a GS1-128 label and a GS1 DataMatrix) are always timed; image files given on
// the command line are read as 300-dpi pages and timed as they are and, if A4-sized, with
// a GS1-128 and a GS1 DataMatrix drawn in their bottom margin.
#include <leptonica/allheaders.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "barcode/barcode_reader.h"
#include "barcode/barcode_test_images.h"

namespace {

namespace bt = quai::barcode_testing;

// CPU time of this thread: what the call costs, however busy the machine is.
double ThreadMilliseconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

void Time(const char* name, quai::PageImage page, int repetitions) {
  std::vector<double> milliseconds, cpu_milliseconds;
  size_t found = 0;
  for (int i = 0; i < repetitions; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = ThreadMilliseconds();
    quai::Result<std::vector<quai::Barcode>> barcodes = quai::ReadBarcodes(page);
    cpu_milliseconds.push_back(ThreadMilliseconds() - cpu_start);
    milliseconds.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    if (!barcodes.ok()) {
      std::printf("%-40s error: %s\n", name, barcodes.status().ToString().c_str());
      return;
    }
    found = barcodes->size();
  }
  std::sort(milliseconds.begin(), milliseconds.end());
  std::sort(cpu_milliseconds.begin(), cpu_milliseconds.end());
  std::printf("%-44s %4dx%-4d  wall median %6.1f min %6.1f max %6.1f ms  cpu median %6.1f ms  barcodes %zu\n", name,
              pixGetWidth(page.pix.get()), pixGetHeight(page.pix.get()), milliseconds[milliseconds.size() / 2],
              milliseconds.front(), milliseconds.back(), cpu_milliseconds[cpu_milliseconds.size() / 2], found);
}

quai::PageImage Page(quai::PixPtr pix) {
  quai::PageImage page;
  page.pix = std::move(pix);
  page.dpi = 300;
  return page;
}

}  // namespace

int main(int argc, char** argv) {
  const int repetitions = argc > 1 ? std::max(1, std::atoi(argv[1])) : 20;
  const std::string gs(1, '\x1d');
  const std::string kLabelData = "00106141411234567897" + gs + "0103453120000011" "17270331" "10ABC123";
  const std::string kPackData = "0103453120000011" "17270300" "10LOT-7";

  Time("blank A4", Page(bt::BlankPage()), repetitions);

  quai::PixPtr text = bt::BlankPage();
  bt::DrawTextLines(150, 150, 2150, 64, text.get());
  Time("text only (synthetic)", Page(bt::Scan(text.get(), 0.7)), repetitions);

  quai::PixPtr label = bt::BlankPage();
  bt::DrawTextLines(150, 700, 2150, 40, label.get());
  bt::Draw(bt::Code128(kLabelData, true), 3, 180, 1100, 250, label.get());
  bt::Draw(bt::DataMatrix(kPackData, true), 6, 0, 1900, 2900, label.get());
  Time("text + GS1-128 + GS1 DataMatrix", Page(bt::Scan(label.get(), 0.7)), repetitions);

  for (int i = 2; i < argc; ++i) {
    Pix* read = pixRead(argv[i]);
    if (read == nullptr) {
      std::printf("%s: cannot read\n", argv[i]);
      continue;
    }
    quai::PixPtr gray(pixConvertTo8(read, 0));
    pixDestroy(&read);
    quai::PixPtr labelled(pixCopy(nullptr, gray.get()));
    Time(argv[i], Page(std::move(gray)), repetitions);
    if (pixGetWidth(labelled.get()) >= 2200 && pixGetHeight(labelled.get()) >= 3300) {
      bt::Draw(bt::Code128(kLabelData, true), 3, 180, 1000, 3050, labelled.get());
      bt::Draw(bt::DataMatrix(kPackData, true), 6, 0, 150, 3100, labelled.get());
      Time((std::string(argv[i]) + " + 2 barcodes").c_str(), Page(std::move(labelled)), repetitions);
    }
  }
  return 0;
}
