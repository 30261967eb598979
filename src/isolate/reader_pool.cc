#include "isolate/reader_pool.h"

namespace quai {

ReaderPool::ReaderPool(std::function<std::unique_ptr<DocumentReader>()> make, size_t keep)
    : make_(std::move(make)), keep_(keep) {}

std::unique_ptr<DocumentReader> ReaderPool::Take() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      auto reader = std::move(idle_.back());
      idle_.pop_back();
      return reader;
    }
  }
  return make_();
}

void ReaderPool::Give(std::unique_ptr<DocumentReader> reader) {
  if (!reader) return;
  reader->Close();
  std::lock_guard<std::mutex> lock(mutex_);
  if (idle_.size() < keep_) idle_.push_back(std::move(reader));
}

}  // namespace quai
