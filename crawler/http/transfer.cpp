#include "crawler/http/transfer.hpp"

#include "config/secret.hpp"
#include "crawler/http/redirect_policy.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace koubei::http::detail {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

std::chrono::microseconds info_micros(CURL* easy, CURLINFO what) {
  curl_off_t v = 0;
  curl_easy_getinfo(easy, what, &v);
  return std::chrono::microseconds(v);
}

std::string_view version_name(long v) {
  switch (v) {
    case CURL_HTTP_VERSION_1_0:
      return "1.0";
    case CURL_HTTP_VERSION_1_1:
      return "1.1";
    case CURL_HTTP_VERSION_2_0:
      return "2";
    case CURL_HTTP_VERSION_3:
      return "3";
    default:
      return "";
  }
}

// 0 means "no limit" for every size; curl takes 0 as "none" for timeouts too.
bool over(std::uint64_t value, std::uint64_t limit) {
  return limit != 0 && value > limit;
}

}  // namespace

Limits Limits::resolve(const Request& r, const config::HttpConfig& c) {
  return Limits{r.connect_timeout.value_or(c.connect_timeout),
                r.request_timeout.value_or(c.request_timeout),
                r.stall_timeout.value_or(c.stall_timeout),
                r.max_body.value_or(c.max_body),
                r.max_decompressed.value_or(c.max_decompressed),
                r.max_redirects.value_or(c.max_redirects)};
}

Transfer::Transfer(FetchId id, Request request, const config::HttpConfig& config, Completion done)
    : id_(id),
      request_(std::move(request)),
      limits_(Limits::resolve(request_, config)),
      done_(std::move(done)),
      host_(url_host(request_.url)),
      user_agent_(config.user_agent),
      current_url_(request_.url),
      method_(request_.method),
      send_body_(request_.method != Method::kGet && request_.method != Method::kHead),
      created_(Clock::now()) {
  response_.url = request_.url;
  response_.final_url = request_.url;
}

Transfer::~Transfer() = default;

void Transfer::attach(CurlEasy easy, bool fresh, const config::HttpConfig& config) {
  easy_ = std::move(easy);
  if (!easy_) return;
  set_static_options(config);
  // The handle's own cookie engine, created once (curl_easy_reset keeps it; release_for_reuse
  // empties it). Not with COOKIEFILE "": libcurl 7.88 leaks that option's list entry here. Any
  // cookie line creates the engine; "ALL" then empties it.
  if (request_.cookie_jar) {
    curl_easy_setopt(easy_.get(), CURLOPT_COOKIEFILE, "");  // the share's cookies, engine on
  } else if (fresh) {
    curl_easy_setopt(easy_.get(), CURLOPT_COOKIELIST, "Set-Cookie: koubei=1; domain=invalid");
    curl_easy_setopt(easy_.get(), CURLOPT_COOKIELIST, "ALL");
  }
}

CurlEasy Transfer::release_for_reuse() {
  // Only handles with their own cookie engine are pooled (a jar's handle would need its share
  // detached and an engine of its own set up again): curl_easy_reset keeps cookies, so the ones
  // this request collected are dropped here and nothing leaks into the next request.
  if (!easy_ || !response_.ok() || request_.cookie_jar) return nullptr;
  curl_easy_setopt(easy_.get(), CURLOPT_COOKIELIST, "ALL");
  curl_easy_reset(easy_.get());
  return std::move(easy_);
}

void Transfer::set_static_options(const config::HttpConfig& config) {
  CURL* e = easy_.get();
  curl_easy_setopt(e, CURLOPT_PRIVATE, this);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, errbuf_.data());
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Transfer::on_write);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Transfer::on_header);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, this);
  if (limits_.max_body != 0) {
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(limits_.max_body));
  }
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);  // redirects are followed hop by hop here
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // every encoding curl was built with
  curl_easy_setopt(e, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, config.verify_tls ? 1L : 0L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, config.verify_tls ? 2L : 0L);
  if (!config.ca_path.empty()) curl_easy_setopt(e, CURLOPT_CAINFO, config.ca_path.c_str());
  curl_easy_setopt(
      e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(limits_.connect_timeout.count()));
  if (limits_.stall_timeout.count() > 0) {
    // curl's stall detector counts whole seconds: round up so a limit is never shortened.
    const long seconds = static_cast<long>((limits_.stall_timeout.count() + 999) / 1000);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, seconds);
  }
  curl_easy_setopt(
      e, CURLOPT_DNS_CACHE_TIMEOUT, static_cast<long>(config.dns_cache_timeout.count() / 1000));
  // Cookies: the account's jar (a share), or the handle's own engine (see attach) so that a
  // Set-Cookie carries over the hops of one redirect chain.
  if (request_.cookie_jar) curl_easy_setopt(e, CURLOPT_SHARE, request_.cookie_jar->share());
  if (!request_.cookie.empty())
    curl_easy_setopt(e, CURLOPT_COOKIE, request_.cookie.reveal().c_str());
  if (!request_.proxy.empty()) curl_easy_setopt(e, CURLOPT_PROXY, request_.proxy.reveal().c_str());

  bool has_user_agent = false;
  for (const auto& [name, value] : request_.headers) {
    has_user_agent = has_user_agent || iequals(name, "user-agent");
    header_list_.append((name + ": " + value).c_str());
  }
  header_list_.append("Expect:");  // no 100-continue round trip before a POST body
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, header_list_.get());
  if (!has_user_agent) curl_easy_setopt(e, CURLOPT_USERAGENT, user_agent_.c_str());
}

bool Transfer::set_method_and_headers() {
  CURL* e = easy_.get();
  curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);  // resets POST/NOBODY from an earlier hop
  curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, nullptr);
  switch (method_) {
    case Method::kGet:
      break;
    case Method::kHead:
      curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
      break;
    case Method::kPut:
    case Method::kDelete:
      curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, to_string(method_).data());
      [[fallthrough]];
    case Method::kPost:
      if (method_ == Method::kPost || (send_body_ && !request_.body.empty())) {
        curl_easy_setopt(e,
                         CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(send_body_ ? request_.body.size() : 0));
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, send_body_ ? request_.body.data() : "");
      }
      break;
  }
  return true;
}

bool Transfer::prepare_hop() {
  if (!easy_) {
    set_error(FetchErrc::kInternal, "curl_easy_init failed");
    return false;
  }
  errbuf_[0] = '\0';
  abort_reason_.reset();
  response_.body.clear();
  response_.headers.clear();
  response_.status = 0;
  const auto now = Clock::now();
  if (!first_hop_start_) first_hop_start_ = now;
  if (limits_.request_timeout.count() > 0) {
    // One budget for the whole chain: each hop gets what the earlier hops left.
    const auto left = limits_.request_timeout -
                      std::chrono::duration_cast<config::Duration>(now - *first_hop_start_);
    if (left.count() <= 0) {
      set_error(FetchErrc::kTimeout, "request timeout spent before the next redirect hop");
      return false;
    }
    curl_easy_setopt(easy_.get(), CURLOPT_TIMEOUT_MS, static_cast<long>(left.count()));
  }
  // Wait for a connection being set up to the same host to offer HTTP/2 multiplexing instead of
  // opening another. Only for https (ALPN tells right after the handshake): over plain http the
  // answer would come with the first response, so a slow one would hold back every other request.
  curl_easy_setopt(easy_.get(), CURLOPT_PIPEWAIT, current_url_.starts_with("https:") ? 1L : 0L);
  if (curl_easy_setopt(easy_.get(), CURLOPT_URL, current_url_.c_str()) != CURLE_OK) {
    set_error(FetchErrc::kInternal, "out of memory setting the URL");
    return false;
  }
  return set_method_and_headers();
}

void Transfer::read_hop_info() {
  CURL* e = easy_.get();
  long status = 0;
  curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
  response_.status = static_cast<int>(status);
  long version = 0;
  curl_easy_getinfo(e, CURLINFO_HTTP_VERSION, &version);
  response_.http_version = version_name(version);
  curl_off_t wire = 0;
  curl_easy_getinfo(e, CURLINFO_SIZE_DOWNLOAD_T, &wire);
  response_.wire_bytes += static_cast<std::uint64_t>(wire);
  Timings& t = response_.timings;
  t.dns = info_micros(e, CURLINFO_NAMELOOKUP_TIME_T);
  t.connect = info_micros(e, CURLINFO_CONNECT_TIME_T);
  t.tls = info_micros(e, CURLINFO_APPCONNECT_TIME_T);
  t.first_byte = info_micros(e, CURLINFO_STARTTRANSFER_TIME_T);
  t.total = micros(Clock::now() - first_hop_start_.value_or(created_));
  response_.final_url = current_url_;
}

Transfer::Next Transfer::finish_hop(CURLcode result) {
  read_hop_info();
  if (result != CURLE_OK) {
    long os_errno = 0;
    curl_easy_getinfo(easy_.get(), CURLINFO_OS_ERRNO, &os_errno);
    if (abort_reason_) {
      set_error(*abort_reason_, abort_detail_);  // curl's own text would only say "write error"
    } else {
      set_error(classify(result, os_errno),
                errbuf_[0] != '\0' ? std::string_view(errbuf_.data()) : curl_easy_strerror(result));
    }
    return Next::kComplete;
  }
  const auto location = response_.headers.get("location");
  const RedirectDecision d = decide_redirect(current_url_,
                                             method_,
                                             response_.status,
                                             location.value_or(""),
                                             response_.redirects,
                                             limits_.max_redirects);
  if (d.kind == RedirectDecision::Kind::kDone) return Next::kComplete;
  response_.redirects.push_back(
      {current_url_, response_.status, d.next_url.empty() ? std::string(*location) : d.next_url});
  if (d.kind == RedirectDecision::Kind::kStop) {
    set_error(d.error, "redirect to " + config::redact_url(response_.redirects.back().location));
    return Next::kComplete;
  }
  current_url_ = d.next_url;
  method_ = d.next_method;
  send_body_ = send_body_ && !d.drop_body;
  return Next::kFollow;
}

void Transfer::fail(FetchErrc e, std::string_view detail) {
  if (response_.ok()) set_error(e, detail);
}

void Transfer::set_error(FetchErrc e, std::string_view detail) {
  std::string where = config::redact_url(current_url_);
  if (!detail.empty()) {
    where += " (";
    where += detail;
    where += ')';
  }
  response_.error = Error{make_error_code(e), std::move(where)};
}

std::size_t Transfer::on_write(char* data, std::size_t size, std::size_t n, void* self) {
  auto* t = static_cast<Transfer*>(self);
  const std::size_t len = size * n;
  const std::uint64_t after = t->response_.body.size() + len;
  if (over(after, t->limits_.max_decompressed)) {
    t->abort_reason_ = FetchErrc::kTooLarge;
    t->abort_detail_ = "decoded body over max_decompressed " +
                       std::to_string(t->limits_.max_decompressed) + " bytes";
    return 0;  // != len: curl stops with CURLE_WRITE_ERROR
  }
  // Without a Content-Encoding the bytes written are the wire bytes; with one, curl's download
  // counter (updated before each read is decoded) is. Either way the check runs on every read.
  std::uint64_t wire = after;
  if (t->content_encoded_) {
    curl_off_t received = 0;
    curl_easy_getinfo(t->easy_.get(), CURLINFO_SIZE_DOWNLOAD_T, &received);
    wire = static_cast<std::uint64_t>(received);
  }
  if (over(wire, t->limits_.max_body)) {
    t->abort_reason_ = FetchErrc::kTooLarge;
    t->abort_detail_ =
        "body over max_body " + std::to_string(t->limits_.max_body) + " bytes on the wire";
    return 0;
  }
  t->response_.body.append(data, len);
  return len;
}

std::size_t Transfer::on_header(char* data, std::size_t size, std::size_t n, void* self) {
  auto* t = static_cast<Transfer*>(self);
  const std::size_t len = size * n;
  const std::string_view line = trim(std::string_view(data, len));
  if (line.starts_with("HTTP/")) {
    t->response_.headers.clear();  // a new header block: 1xx, proxy CONNECT, or the real one
    t->content_encoded_ = false;
    return len;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return len;
  const std::string_view name = trim(line.substr(0, colon));
  const std::string_view value = trim(line.substr(colon + 1));
  if (iequals(name, "content-length")) {
    std::uint64_t declared = 0;
    std::from_chars(value.data(), value.data() + value.size(), declared);
    if (over(declared, t->limits_.max_body)) {
      t->abort_reason_ = FetchErrc::kTooLarge;
      t->abort_detail_ = "Content-Length " + std::to_string(declared) + " over max_body " +
                         std::to_string(t->limits_.max_body) + " bytes";
      return 0;
    }
    const std::uint64_t cap =
        t->limits_.max_decompressed == 0 ? declared : t->limits_.max_decompressed;
    t->response_.body.reserve(static_cast<std::size_t>(std::min(declared, cap)));
  }
  if (iequals(name, "content-encoding") && !iequals(value, "identity")) t->content_encoded_ = true;
  t->response_.headers.add(std::string(name), std::string(value));
  return len;
}

}  // namespace koubei::http::detail
