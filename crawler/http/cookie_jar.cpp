#include "crawler/http/cookie_jar.hpp"

#include <new>

namespace koubei::http {

CookieJar::CookieJar() : share_(curl_share_init()) {
  if (!share_ ||
      curl_share_setopt(share_.get(), CURLSHOPT_SHARE, CURL_LOCK_DATA_COOKIE) != CURLSHE_OK) {
    throw std::bad_alloc();
  }
}

}  // namespace koubei::http
