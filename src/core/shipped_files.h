// Where the files quai ships with its binary are found: the models, the document-type
// schemas and the built web UI. Two layouts exist. Installed (the Debian package):
// <prefix>/bin/quai with <prefix>/share/quai/{models,web} and the schemas, which are
// configuration an administrator may edit, in /etc/quai/schemas (<prefix>/etc/quai/schemas
// for a prefix other than /usr). In the source tree (build/quai, test binaries): the
// source folder's models/, config/schemas and web/dist. Environment variables
// (QUAI_MODELS, QUAI_CONFIG) still override both; their callers read them.
// Pure functions of their inputs apart from ShippedFiles(), which looks at
// /proc/self/exe and the disk once per call; thread-safe.
#pragma once

#include <string>

namespace quai {

struct ShippedFolders {
  std::string models;   // calibration.json, field_scorer.qsc, document_classifier.qcl, ...
  std::string schemas;  // one <type>.json per document type
  std::string web;      // index.html and assets/ (may be absent when the UI is not built)
  bool installed = false;
};

// The installed layout for a binary at `executable` (<prefix>/bin/quai), whether or not it
// exists on disk.
ShippedFolders InstalledFolders(const std::string& executable);

// The source tree's layout under `source_dir`.
ShippedFolders SourceTreeFolders(const std::string& source_dir);

// The installed layout when this binary sits in a bin/ folder beside a share/quai/models
// folder, else the source tree this binary was built from.
ShippedFolders ShippedFiles();

}  // namespace quai
