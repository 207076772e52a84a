#include "tests/unit/sandbox/sandbox_fixture.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <simdjson.h>

#include <stdexcept>

namespace koubei::sandbox::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

RunningSandbox::RunningSandbox(Scenario scenario, std::uint64_t seed, Millis epoch)
    : world_(std::move(scenario), seed, epoch),
      clock_(epoch, 0),
      enforcer_(world_.scenario()),
      router_(world_, clock_, enforcer_),
      server_(std::make_unique<Server>(router_, "127.0.0.1", 0)) {
  thread_ = std::thread([this] { server_->run(2); });
}

RunningSandbox::RunningSandbox(const std::string& scenario_name, std::uint64_t seed, Millis epoch)
    : RunningSandbox(load_scenario(scenario_name), seed, epoch) {}

RunningSandbox::~RunningSandbox() {
  server_->stop();
  thread_.join();
}

struct Client::Impl {
  std::uint16_t port;
  asio::io_context io;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
};

Client::Client(std::uint16_t port) : impl_(std::make_unique<Impl>()) { impl_->port = port; }
Client::~Client() = default;

Fetched Client::get(const std::string& target,
                    const std::vector<std::pair<std::string, std::string>>& headers) {
  return request("GET", target, "", headers);
}

Fetched Client::post(const std::string& target, const std::string& body,
                     const std::vector<std::pair<std::string, std::string>>& headers) {
  return request("POST", target, body, headers);
}

Fetched Client::request(const std::string& method, const std::string& target, const std::string& body,
                        const std::vector<std::pair<std::string, std::string>>& headers) {
  Impl& s = *impl_;
  if (!s.stream) {
    s.stream.emplace(s.io);
    s.stream->connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), s.port));
    s.buffer.clear();
  }
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  req.keep_alive(true);
  for (const auto& [k, v] : headers) req.set(k, v);
  if (method == "POST") {
    req.set(http::field::content_type, "application/json;charset=UTF-8");
    req.body() = body;
  }
  req.prepare_payload();
  Fetched out;
  out.url = "https://sandbox.test" + target;
  boost::system::error_code ec;
  http::write(*s.stream, req, ec);
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 << 20);
  if (!ec) http::read(*s.stream, s.buffer, parser, ec);
  if (ec) {
    // The server reset or closed the connection (a fault): report it, reconnect next time.
    s.stream.reset();
    out.reset = true;
    return out;
  }
  auto res = parser.release();
  out.status = static_cast<int>(res.result_int());
  out.body = std::move(res.body());
  for (const auto& f : res) out.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
  if (!res.keep_alive()) s.stream.reset();
  return out;
}

parsers::ParseResult parse_page(parsers::PageParser& parser, parsers::PageType type,
                                const Fetched& page, Millis now) {
  parsers::PageInput in;
  in.type = type;
  in.body = page.body;
  in.status = page.status;
  in.url = page.url;
  // The client follows no redirect: a 3xx ends nowhere, its Location says where it points.
  if (page.status < 300 || page.status >= 400) in.final_url = page.url;
  for (const auto& [k, v] : page.headers) in.headers.push_back({k, v});
  in.fetched_at = model::Timestamp{std::chrono::milliseconds{now}};
  return parser.parse(in);
}

std::vector<TruthItem> read_truth(const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(body).get(doc) != simdjson::SUCCESS) throw std::runtime_error("truth: not JSON: " + body.substr(0, 200));
  simdjson::dom::array items;
  if (doc["items"].get_array().get(items) != simdjson::SUCCESS) throw std::runtime_error("truth: no items: " + body.substr(0, 200));
  std::vector<TruthItem> out;
  for (auto item : items) {
    TruthItem t;
    t.id = std::string(item["id"].get_string().value());
    t.native_id = std::string(item["native_id"].get_string().value());
    t.created_ms = item["created_ms"].get_int64().value();
    t.author_id = std::string(item["author_id"].get_string().value());
    t.author_followers = item["author_followers"].get_int64().value();
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace koubei::sandbox::test
