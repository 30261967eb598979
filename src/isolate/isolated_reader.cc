#include "isolate/isolated_reader.h"
#include "core/log.h"

#include <cstdio>
#include <sstream>

#include "isolate/reader_protocol.h"
#include "ocr/page_json.h"

namespace quai {
namespace {

constexpr int kSecondsToStart = 30;

std::string LastLine(const std::string& text) {
  std::string last, line;
  std::istringstream lines(text);
  while (std::getline(lines, line))
    if (line.find_first_not_of(" \t\r") != std::string::npos) last = line;
  return last;
}

}  // namespace

IsolatedReader::IsolatedReader(Options options) : options_(std::move(options)) {}

void IsolatedReader::RepeatMessages() {
  if (!child_) return;
  std::istringstream lines(child_->TakeMessages());
  std::string line;
  while (std::getline(lines, line))
    if (line.find_first_not_of(" \t\r") != std::string::npos)
      Logf(LogLevel::kWarning, {}, "quai: %s: %s\n", name_.empty() ? "(no file)" : name_.c_str(), line.c_str());
}

Result<IsolatedReader::Reply> IsolatedReader::Exchange(const nlohmann::json& request, std::string_view payload,
                                                       int seconds, const std::string& what) {
  const Deadline deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  Status sent = child_->Send(EncodeMessage(request, payload), deadline);
  Result<std::string> line = sent.ok() ? child_->ReceiveLine(deadline) : Result<std::string>(sent);
  Reply reply;
  if (line.ok()) {
    reply.header = nlohmann::json::parse(*line, nullptr, false);
    size_t size = reply.header.is_object() ? reply.header.value("size", size_t{0}) : 0;
    if (size > 0) {
      auto bytes = child_->Receive(size, deadline);
      if (bytes.ok()) reply.payload = std::move(bytes).value();
      else line = bytes.status();
    }
  }
  if (!line.ok()) {
    child_has_file_ = false;
    if (line.status().code() == StatusCode::kLimitExceeded) {
      child_->Kill();
      RepeatMessages();
      child_.reset();
      return Status::LimitExceeded(what + " took longer than the limit of " + std::to_string(seconds) +
                                   " s and was stopped");
    }
    std::string last = LastLine(child_->TakeMessages());
    child_->Kill();
    std::string ending = child_->Ending();
    // A child that crashes near its address-space limit ran out of memory:
    // many libraries do not check what malloc returns.
    const int64_t limit = static_cast<int64_t>(options_.limits.max_reader_memory_mib) * 1024 * 1024;
    const bool out_of_memory = child_->peak_address_space() >= limit - limit / 8;
    child_.reset();
    if (out_of_memory)
      return Status::LimitExceeded(what + " needs more memory than the limit of " +
                                   std::to_string(options_.limits.max_reader_memory_mib) + " MiB (the reader was " +
                                   ending + ")");
    return Status::InvalidArgument(what + " stopped the reader (" + ending + ")" + (last.empty() ? "" : ": " + last));
  }
  RepeatMessages();
  if (reply.header.is_object() && reply.header.value("fatal", false)) {
    child_has_file_ = false;
    child_.reset();
  }
  if (!reply.header.is_object()) return Status::Internal(what + ": the reader's answer is not JSON");
  return reply;
}

Status IsolatedReader::Start() {
  if (child_ && !child_->Running()) child_.reset();
  if (!child_) {
    child_has_file_ = false;
    ChildLimits limits;
    limits.address_space_bytes = static_cast<int64_t>(options_.limits.max_reader_memory_mib) * 1024 * 1024;
    auto started = ChildProcess::Start({options_.reader_program, "__read-pages"}, limits);
    if (!started.ok()) return started.status();
    child_ = std::move(started).value();
    auto reply = Exchange(ReaderSetupToJson(options_), {}, kSecondsToStart, "starting the reader");
    if (!reply.ok())
      return Status::Internal("the reader (" + options_.reader_program + ") does not start: " +
                              reply.status().message());
    Status set_up = StatusFromJson(reply->header);
    if (!set_up.ok()) return set_up;
  }
  return Status::Ok();
}

Status IsolatedReader::Ready() {
  Status started = Start();
  if (!started.ok()) return started;
  if (bytes_ && !child_has_file_) {
    auto pages = OpenInChild();
    if (!pages.ok()) return pages.status();
  }
  return Status::Ok();
}

Result<int> IsolatedReader::OpenInChild() {
  nlohmann::json request = {{"op", "open"}, {"type", static_cast<int>(type_)}, {"name", name_},
                            {"size", bytes_->size()}};
  auto reply = Exchange(request, *bytes_, options_.limits.max_seconds_to_open, "opening it");
  if (!reply.ok()) return reply.status();
  Status opened = StatusFromJson(reply->header);
  if (!opened.ok()) return opened;
  child_has_file_ = true;
  return reply->header.value("pages", 0);
}

Result<int> IsolatedReader::Open(std::shared_ptr<const std::string> bytes, MediaType type, const std::string& name) {
  bytes_ = std::move(bytes);
  type_ = type;
  name_ = name;
  child_has_file_ = false;
  Status started = Start();
  auto pages = started.ok() ? OpenInChild() : Result<int>(started);
  if (!pages.ok()) Close();
  return pages;
}

Result<Page> IsolatedReader::ReadPage(int index) {
  if (!bytes_) return Status::FailedPrecondition("no file is open");
  const std::string what = "reading page " + std::to_string(index + 1);
  Status ready = Ready();
  if (!ready.ok()) return ready.WithContext(what);
  auto reply = Exchange({{"op", "read"}, {"page", index}}, {}, options_.limits.max_seconds_per_page, what);
  if (!reply.ok()) return reply.status();
  Status read = StatusFromJson(reply->header);
  if (!read.ok()) return read;
  std::vector<Page> pages;
  if (!reply->header.contains("page") || !PagesFromJson(nlohmann::json::array({reply->header["page"]}), &pages))
    return Status::Internal(what + ": the reader's page is not readable");
  return std::move(pages.front());
}

Result<PageImage> IsolatedReader::RenderPage(int index, int dpi) {
  if (!bytes_) return Status::FailedPrecondition("no file is open");
  const std::string what = "drawing page " + std::to_string(index + 1);
  Status ready = Ready();
  if (!ready.ok()) return ready.WithContext(what);
  auto reply = Exchange({{"op", "render"}, {"page", index}, {"dpi", dpi}}, {}, options_.limits.max_seconds_per_page,
                        what);
  if (!reply.ok()) return reply.status();
  Status drawn = StatusFromJson(reply->header);
  if (!drawn.ok()) return drawn;
  const int width = reply->header.value("width", 0), height = reply->header.value("height", 0);
  if (width <= 0 || height <= 0 || reply->payload.size() != static_cast<size_t>(width) * height)
    return Status::Internal(what + ": the reader's image has the wrong size");
  PixPtr pix(pixCreate(width, height, 8));
  if (!pix) return Status::Internal("out of memory for " + what);
  for (int y = 0; y < height; ++y) {
    l_uint32* line = pixGetData(pix.get()) + static_cast<size_t>(y) * pixGetWpl(pix.get());
    const auto* row = reinterpret_cast<const unsigned char*>(reply->payload.data()) + static_cast<size_t>(y) * width;
    for (int x = 0; x < width; ++x) SET_DATA_BYTE(line, x, row[x]);
  }
  const int image_dpi = reply->header.value("dpi", dpi);
  pixSetResolution(pix.get(), image_dpi, image_dpi);
  return PageImage{std::move(pix), image_dpi};
}

Result<SourceDocument::EInvoiceFile> IsolatedReader::ReadEInvoiceFile() {
  if (!bytes_) return Status::FailedPrecondition("no file is open");
  const std::string what = "reading its e-invoice data";
  Status ready = Ready();
  if (!ready.ok()) return ready.WithContext(what);
  auto reply = Exchange({{"op", "einvoice"}}, {}, options_.limits.max_seconds_to_open, what);
  if (!reply.ok()) return reply.status();
  Status read = StatusFromJson(reply->header);
  if (!read.ok()) return read;
  return SourceDocument::EInvoiceFile{reply->header.value("name", ""), std::move(reply->payload)};
}

void IsolatedReader::Close() {
  bytes_.reset();
  name_.clear();
  child_has_file_ = false;
}

}  // namespace quai
