#pragma once
// One fetch in progress: the easy handle, its callbacks and the Response being filled, across
// every redirect hop (the same easy handle is re-issued, so connections and cookies carry over).
//
// Thread safety: used only on the engine's network thread after construction.
// Limits enforced here: max_body (Content-Length and bytes on the wire), max_decompressed (bytes
// written after decoding), the whole-request timeout spread over the hops.

#include "config/config.hpp"
#include "crawler/http/completion.hpp"
#include "crawler/http/curl_handles.hpp"
#include "crawler/http/fetch_error.hpp"
#include "crawler/http/request.hpp"
#include "crawler/http/response.hpp"

#include <curl/curl.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace koubei::http::detail {

using Clock = std::chrono::steady_clock;

/// A request's limits with the engine's defaults filled in.
struct Limits {
  config::Duration connect_timeout{};
  config::Duration request_timeout{};
  config::Duration stall_timeout{};
  std::uint64_t max_body = 0;
  std::uint64_t max_decompressed = 0;
  std::uint32_t max_redirects = 0;

  static Limits resolve(const Request& r, const config::HttpConfig& c);
};

class Transfer {
 public:
  enum class Next { kComplete, kFollow };

  Transfer(FetchId id, Request request, const config::HttpConfig& config, Completion done);
  ~Transfer();
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  /// Gives the transfer its easy handle (fresh or reused from the engine's pool) and sets the
  /// options that hold for every hop. Network thread only.
  /// `fresh`: made by curl_easy_init now, not taken from the pool.
  void attach(CurlEasy easy, bool fresh, const config::HttpConfig& config);
  /// Takes the handle back when the transfer is over: null unless it is fit for another request
  /// (the fetch succeeded); its options and this request's cookies are already cleared.
  CurlEasy release_for_reuse();

  FetchId id() const { return id_; }

  CURL* easy() const { return easy_.get(); }

  /// The request URL's host, for per-host statistics.
  const std::string& host() const { return host_; }

  /// Whether the easy handle is added to the multi (running), as the engine tracks it.
  bool in_multi() const { return in_multi_; }

  void set_in_multi(bool v) { in_multi_ = v; }

  /// Sets up the easy handle for the current hop. False (with the error set) if curl refused.
  bool prepare_hop();
  /// Reads the finished hop's outcome; kFollow means prepare_hop() and re-add the handle.
  Next finish_hop(CURLcode result);
  /// Ends the fetch with `e` (cancellation, a refused add) unless an error is already set.
  void fail(FetchErrc e, std::string_view detail);

  void mark_queued_until(Clock::time_point t) { response_.timings.queued = micros(t - created_); }

  Response take_response() { return std::move(response_); }

  Completion take_completion() { return std::move(done_); }

 private:
  static std::chrono::microseconds micros(Clock::duration d) {
    return std::chrono::duration_cast<std::chrono::microseconds>(d);
  }

  static std::size_t on_write(char* data, std::size_t size, std::size_t n, void* self);
  static std::size_t on_header(char* data, std::size_t size, std::size_t n, void* self);

  void set_static_options(const config::HttpConfig& config);
  bool set_method_and_headers();
  void read_hop_info();
  void set_error(FetchErrc e, std::string_view detail);

  FetchId id_;
  Request request_;
  Limits limits_;
  Completion done_;
  CurlSlist header_list_;
  std::string host_;
  std::string user_agent_;
  Response response_;
  std::string current_url_;
  Method method_;
  bool send_body_;
  std::optional<FetchErrc> abort_reason_;  // set by a callback that stopped the transfer
  std::string abort_detail_;
  bool in_multi_ = false;
  bool content_encoded_ = false;  // the current answer has a Content-Encoding
  Clock::time_point created_;
  std::optional<Clock::time_point> first_hop_start_;
  std::array<char, CURL_ERROR_SIZE> errbuf_{};
  CurlEasy easy_;  // last: cleaned up before the buffers and header list it points into
};

}  // namespace koubei::http::detail
