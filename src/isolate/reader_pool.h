// ReaderPool: document readers kept between uses by threads that read one file
// now and then (an upload's intake, the review desk drawing a page), so each
// use does not start a child process and load its libraries again. Take() gives
// an idle reader or a new one; Give() returns it, its file closed. Thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "isolate/document_reader.h"

namespace quai {

class ReaderPool {
 public:
  // `make` builds a new reader; at most `keep` idle readers are kept.
  ReaderPool(std::function<std::unique_ptr<DocumentReader>()> make, size_t keep);

  std::unique_ptr<DocumentReader> Take();
  void Give(std::unique_ptr<DocumentReader> reader);

  // A reader taken for one scope and given back at its end.
  class Lease {
   public:
    explicit Lease(ReaderPool* pool) : pool_(pool), reader_(pool->Take()) {}
    ~Lease() { pool_->Give(std::move(reader_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    DocumentReader* operator->() const { return reader_.get(); }

   private:
    ReaderPool* pool_;
    std::unique_ptr<DocumentReader> reader_;
  };

 private:
  std::function<std::unique_ptr<DocumentReader>()> make_;
  size_t keep_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<DocumentReader>> idle_;  // guarded by mutex_
};

}  // namespace quai
