#pragma once
// RAII owners of libcurl's C handles: unique_ptr with deleters, so no path forgets a cleanup.
// Thread safety: a handle is used by one thread at a time (libcurl-thread(3)); the engine uses them
// only on its network thread.

#include <curl/curl.h>

#include <memory>

namespace koubei::http {

struct CurlEasyDeleter {
  void operator()(CURL* h) const noexcept { curl_easy_cleanup(h); }
};

struct CurlMultiDeleter {
  void operator()(CURLM* h) const noexcept { curl_multi_cleanup(h); }
};

struct CurlShareDeleter {
  void operator()(CURLSH* h) const noexcept { curl_share_cleanup(h); }
};

struct CurlSlistDeleter {
  void operator()(curl_slist* h) const noexcept { curl_slist_free_all(h); }
};

struct CurlUrlDeleter {
  void operator()(CURLU* h) const noexcept { curl_url_cleanup(h); }
};

struct CurlFreeDeleter {
  void operator()(char* p) const noexcept { curl_free(p); }
};

using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;
using CurlMulti = std::unique_ptr<CURLM, CurlMultiDeleter>;
using CurlShare = std::unique_ptr<CURLSH, CurlShareDeleter>;
using CurlUrl = std::unique_ptr<CURLU, CurlUrlDeleter>;
using CurlString = std::unique_ptr<char, CurlFreeDeleter>;

/// A header list built by appending; curl_slist_append may return a new head, hence the wrapper.
class CurlSlist {
 public:
  /// False when out of memory (the list is unchanged).
  bool append(const char* line) {
    curl_slist* next = curl_slist_append(head_.get(), line);
    if (next == nullptr) return false;
    head_.release();
    head_.reset(next);
    return true;
  }

  curl_slist* get() const { return head_.get(); }

  void reset() { head_.reset(); }

 private:
  std::unique_ptr<curl_slist, CurlSlistDeleter> head_;
};

}  // namespace koubei::http
