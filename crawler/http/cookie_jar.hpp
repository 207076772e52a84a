#pragma once
// One account's cookie jar: a libcurl share handle holding cookies. Every request that carries the
// same jar sends the cookies earlier answers set (Set-Cookie), as a browser session would.
//
// Thread safety: create and destroy it on any thread; it is only *used* by the engine's network
// thread (all transfers run there, so the share needs no lock callbacks). Destroy it only after
// every request that carries it has completed (shared_ptr ownership in Request makes that so).

#include "crawler/http/curl_handles.hpp"

#include <curl/curl.h>

#include <string>
#include <vector>

namespace koubei::http {

class CookieJar {
 public:
  /// Throws std::bad_alloc when curl cannot allocate the share handle (start-up only).
  CookieJar();

  CURLSH* share() const { return share_.get(); }

 private:
  CurlShare share_;
};

}  // namespace koubei::http
