#include "crawler/http/fetch_error.hpp"

#include <cerrno>
#include <string>

namespace koubei::http {
namespace {

class FetchCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "koubei.fetch"; }

  std::string message(int v) const override {
    switch (static_cast<FetchErrc>(v)) {
      case FetchErrc::kDns:
        return "host name did not resolve";
      case FetchErrc::kConnect:
        return "could not connect";
      case FetchErrc::kTls:
        return "TLS handshake or certificate verification failed";
      case FetchErrc::kTimeout:
        return "timed out";
      case FetchErrc::kTooLarge:
        return "response larger than the configured limit";
      case FetchErrc::kReset:
        return "connection closed or reset by the peer";
      case FetchErrc::kProtocol:
        return "HTTP protocol error";
      case FetchErrc::kCancelled:
        return "cancelled";
      case FetchErrc::kProxy:
        return "proxy failed";
      case FetchErrc::kTooManyRedirects:
        return "too many redirects";
      case FetchErrc::kRedirectLoop:
        return "redirect loop";
      case FetchErrc::kCrossSiteRedirect:
        return "redirect to another site not followed";
      case FetchErrc::kBadRequest:
        return "invalid request";
      case FetchErrc::kInternal:
        return "internal error";
    }
    return "unknown fetch error " + std::to_string(v);
  }
};

}  // namespace

const std::error_category& fetch_category() {
  static const FetchCategory category;
  return category;
}

std::string_view to_string(FetchErrc e) {
  switch (e) {
    case FetchErrc::kDns:
      return "dns";
    case FetchErrc::kConnect:
      return "connect";
    case FetchErrc::kTls:
      return "tls";
    case FetchErrc::kTimeout:
      return "timeout";
    case FetchErrc::kTooLarge:
      return "too_large";
    case FetchErrc::kReset:
      return "reset";
    case FetchErrc::kProtocol:
      return "protocol";
    case FetchErrc::kCancelled:
      return "cancelled";
    case FetchErrc::kProxy:
      return "proxy";
    case FetchErrc::kTooManyRedirects:
      return "too_many_redirects";
    case FetchErrc::kRedirectLoop:
      return "redirect_loop";
    case FetchErrc::kCrossSiteRedirect:
      return "cross_site_redirect";
    case FetchErrc::kBadRequest:
      return "bad_request";
    case FetchErrc::kInternal:
      return "internal";
  }
  return "unknown";
}

FetchErrc classify(CURLcode code, long os_errno) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
      return FetchErrc::kDns;
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_PROXY:
      return FetchErrc::kProxy;
    case CURLE_COULDNT_CONNECT:
      return FetchErrc::kConnect;
    case CURLE_OPERATION_TIMEDOUT:
      return FetchErrc::kTimeout;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
      return FetchErrc::kTls;
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      return FetchErrc::kReset;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
      // A read/write that failed with anything but a reset is still the peer going away.
      return os_errno == ECONNRESET || os_errno == EPIPE || os_errno == 0 ? FetchErrc::kReset
                                                                          : FetchErrc::kConnect;
    case CURLE_FILESIZE_EXCEEDED:
      return FetchErrc::kTooLarge;
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_HTTP3:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_RANGE_ERROR:
    case CURLE_TOO_MANY_REDIRECTS:
      return FetchErrc::kProtocol;
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_BAD_FUNCTION_ARGUMENT:
    case CURLE_NOT_BUILT_IN:
    case CURLE_UNKNOWN_OPTION:
      return FetchErrc::kBadRequest;
    default:
      return FetchErrc::kInternal;
  }
}

}  // namespace koubei::http
