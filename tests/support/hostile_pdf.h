// Hostile PDFs built in memory for tests: small files that make a PDF library
// work without end. Each is a valid PDF by its structure.
#pragma once

#include <string>
#include <vector>

namespace quai::testing {

// A PDF from its objects (numbered from 1), with a correct cross-reference table.
inline std::string BuildPdf(const std::vector<std::string>& objects) {
  std::string pdf = "%PDF-1.7\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    std::string number = std::to_string(offset);
    pdf += std::string(10 - number.size(), '0') + number + " 00000 n \n";
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// One page whose form's field tree doubles at each of `depth` levels (every
// field lists the same kid twice): 2^depth fields for the library to build
// when it loads the page's annotations. Under 3 KB at depth 26.
inline std::string FieldTreeBombPdf(int depth = 26) {
  std::vector<std::string> objects;
  objects.push_back("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>");
  objects.push_back("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  const int leaf = 4 + depth;
  objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [" + std::to_string(leaf) +
                    " 0 R] >>");
  for (int level = 0; level < depth; ++level) {
    const std::string kid = std::to_string(5 + level);
    const std::string parent = level == 0 ? "" : " /Parent " + std::to_string(3 + level) + " 0 R";
    objects.push_back("<< /T (f" + std::to_string(level) + ")" + parent + " /Kids [" + kid + " 0 R " + kid +
                      " 0 R] >>");
  }
  objects.push_back("<< /Type /Annot /Subtype /Widget /FT /Tx /T (leaf) /Parent " + std::to_string(3 + depth) +
                    " 0 R /Rect [10 10 100 30] /P 3 0 R >>");
  return BuildPdf(objects);
}

}  // namespace quai::testing
