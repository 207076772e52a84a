#include "crawler/signer/signer_client.hpp"

#include "config/secret.hpp"
#include "crawler/requests/url_builder.hpp"

#include <simdjson.h>

#include <string>

namespace koubei::signer {
namespace {

class Category final : public std::error_category {
 public:
  const char* name() const noexcept override { return "koubei.signer"; }
  std::string message(int value) const override {
    switch (static_cast<SignerErrc>(value)) {
      case SignerErrc::kNotConfigured: return "no signer_url configured: signature required";
      case SignerErrc::kUnreachable: return "signing service unreachable";
      case SignerErrc::kRefused: return "signing service refused the request";
      case SignerErrc::kBadAnswer: return "signing service answer is not the expected JSON";
    }
    return "unknown signer error";
  }
};

std::string_view query_of(std::string_view url) {
  auto q = url.find('?');
  return q == std::string_view::npos ? std::string_view{} : url.substr(q + 1);
}

Error error(SignerErrc code, std::string_view signer_url, std::string_view detail = {}) {
  std::string where = config::redact_url(std::string(signer_url));
  if (!detail.empty()) where += std::string(" (") + std::string(detail) + ")";
  return Error{make_error_code(code), std::move(where)};
}

// One string member of the answer; an error when absent or not a string.
Result<std::string> member(simdjson::dom::element doc, const char* key, std::string_view signer_url) {
  std::string_view value;
  if (doc[key].get(value) != simdjson::SUCCESS || value.empty()) {
    return error(SignerErrc::kBadAnswer, signer_url, std::string("missing \"") + key + "\"");
  }
  return std::string(value);
}

}  // namespace

const std::error_category& signer_category() noexcept {
  static const Category category;
  return category;
}

std::error_code make_error_code(SignerErrc e) noexcept {
  return {static_cast<int>(e), signer_category()};
}

http::Request signer_request(const requests::RequestSpec& spec, std::string_view signer_url,
                             std::int64_t now_ms) {
  http::Request r;
  r.method = http::Method::kPost;
  r.headers.emplace_back("Content-Type", "text/plain;charset=UTF-8");
  // The signer URL is used exactly as configured; the protocol's parameters are appended.
  r.url = std::string(signer_url);
  r.url += r.url.find('?') == std::string::npos ? '?' : '&';
  if (spec.signing == requests::Signing::kXiaohongshu) {
    std::string_view uri = spec.path_and_query();
    if (spec.method != "GET") uri = uri.substr(0, uri.find('?'));
    r.url += "platform=xiaohongshu&uri=" + requests::percent_encode(uri) +
             "&t=" + std::to_string(now_ms);
    r.body = spec.body;
  } else {
    r.url += "platform=douyin";
    r.body = std::string(query_of(spec.url));
  }
  return r;
}

Result<void> apply_signature(requests::RequestSpec& spec, std::string_view answer,
                             std::string_view signer_url) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::padded_string padded(answer);
  if (parser.parse(padded).get(doc) != simdjson::SUCCESS) {
    return error(SignerErrc::kBadAnswer, signer_url, "not JSON");
  }
  if (spec.signing == requests::Signing::kXiaohongshu) {
    auto xs = member(doc, "x-s", signer_url);
    if (!xs) return xs.error();
    auto xt = member(doc, "x-t", signer_url);
    if (!xt) return xt.error();
    spec.headers.emplace_back("x-s", std::move(*xs));
    spec.headers.emplace_back("x-t", std::move(*xt));
  } else if (spec.signing == requests::Signing::kDouyin) {
    auto ab = member(doc, "a_bogus", signer_url);
    if (!ab) return ab.error();
    spec.url += spec.url.find('?') == std::string::npos ? '?' : '&';
    spec.url += "a_bogus=" + requests::percent_encode(*ab);
  }
  return {};
}

boost::asio::awaitable<Result<void>> sign(http::HttpEngine& engine, std::string_view signer_url,
                                          requests::RequestSpec& spec, std::int64_t now_ms) {
  if (spec.signing == requests::Signing::kNone) co_return Result<void>{};
  if (signer_url.empty()) co_return error(SignerErrc::kNotConfigured, "signer_url");
  std::string url(signer_url);  // the view may not outlive the suspension
  http::Response answer = co_await engine.fetch(signer_request(spec, url, now_ms));
  if (!answer.ok()) co_return error(SignerErrc::kUnreachable, url, answer.error.code.message());
  if (answer.status < 200 || answer.status > 299) {
    co_return error(SignerErrc::kRefused, url, "HTTP " + std::to_string(answer.status));
  }
  co_return apply_signature(spec, answer.body.view(), url);
}

http::Request to_http_request(const requests::RequestSpec& spec) {
  http::Request r;
  r.method = http::method_from_string(spec.method).value_or(http::Method::kGet);
  r.url = spec.url;
  r.headers = spec.headers;
  r.body = spec.body;
  return r;
}

}  // namespace koubei::signer
