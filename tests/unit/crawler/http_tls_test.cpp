// TLS and HTTP/2 against a real nginx on loopback (integration: needs nginx and openssl): a
// self-signed certificate is refused with `tls` unless http.ca_path names it, and concurrent
// requests to one host share one HTTP/2 connection (nginx's $connection serial says which).
#include "crawler/http/http_engine.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/crawler/http_test_helpers.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <catch2/catch.hpp>

#include <set>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace koubei;
namespace asio = boost::asio;

namespace {

// A port that was free a moment ago (nginx cannot report a port-0 bind back to us).
std::uint16_t free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), len);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool accepts(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

// nginx with TLS + HTTP/2 in a temp prefix, non-root friendly; stopped by the destructor.
class TlsNginx {
 public:
  TlsNginx() : port_(free_port()) {
    const std::string d = dir_.path().string();
    const std::string gen =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
        "-addext subjectAltName=IP:127.0.0.1 -keyout '" +
        d + "/key.pem' -out '" + d + "/cert.pem' >/dev/null 2>&1";
    REQUIRE(std::system(gen.c_str()) == 0);
    test::write_file(
        dir_ / "nginx.conf",
        "worker_processes 1; pid " + d + "/nginx.pid; error_log " + d +
            "/error.log;\n"
            "events { worker_connections 256; }\n"
            "http { access_log off; client_body_temp_path " +
            d + "/b; proxy_temp_path " + d +
            "/p;\n"
            "  fastcgi_temp_path " +
            d + "/f; uwsgi_temp_path " + d + "/u; scgi_temp_path " + d +
            "/s;\n"
            "  server { listen 127.0.0.1:" +
            std::to_string(port_) +
            " ssl http2;\n"
            "    ssl_certificate " +
            d + "/cert.pem; ssl_certificate_key " + d +
            "/key.pem;\n"
            "    location /conn { return 200 \"$connection $server_protocol\"; } } }\n");
    const std::string start =
        "nginx -p '" + d + "' -c '" + d + "/nginx.conf' -e '" + d + "/error.log'";
    REQUIRE(std::system(start.c_str()) == 0);
    for (int i = 0; i < 400 && !accepts(port_); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    REQUIRE(accepts(port_));
  }

  ~TlsNginx() {
    const std::string pid = test::read_file(dir_ / "nginx.pid");
    if (!pid.empty()) ::kill(std::stoi(pid), SIGQUIT);
    for (int i = 0; i < 200 && accepts(port_); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }

  std::string url(const std::string& path) const {
    return "https://127.0.0.1:" + std::to_string(port_) + path;
  }

  std::string cert() const { return (dir_ / "cert.pem").string(); }

 private:
  test::TempDir dir_;
  std::uint16_t port_;
};

}  // namespace

TEST_CASE("an unknown certificate fails with `tls`; with http.ca_path it verifies",
          "[http][tls][.integration]") {
  TlsNginx nginx;
  {
    http::HttpEngine engine(test::http_test_config());
    const http::Response r = test::fetch(engine, test::get(nginx.url("/conn")));
    CHECK(r.errc() == http::FetchErrc::kTls);
  }
  config::HttpConfig config = test::http_test_config();
  config.ca_path = nginx.cert();
  http::HttpEngine engine(config);
  const http::Response r = test::fetch(engine, test::get(nginx.url("/conn")));
  REQUIRE(r.ok());
  CHECK(r.http_version == "2");
  CHECK(r.body.view().ends_with(" HTTP/2.0"));
  CHECK(r.timings.tls > std::chrono::microseconds(0));
}

TEST_CASE("concurrent requests to one host share one HTTP/2 connection",
          "[http][tls][.integration]") {
  TlsNginx nginx;
  config::HttpConfig config = test::http_test_config();
  config.ca_path = nginx.cert();
  http::HttpEngine engine(config);
  // The first request establishes the connection; the next 50 run at once and multiplex on it.
  const http::Response first = test::fetch(engine, test::get(nginx.url("/conn")));
  REQUIRE(first.ok());
  asio::io_context io;
  std::set<std::string> connections;
  int ok = 0;
  for (int i = 0; i < 50; ++i) {
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
          const http::Response r = co_await engine.fetch(test::get(nginx.url("/conn")));
          if (r.ok() && r.http_version == "2") ++ok;
          connections.insert(std::string(r.body.view()));
        },
        asio::detached);
  }
  io.run();
  CHECK(ok == 50);
  CHECK(connections == std::set<std::string>{std::string(first.body.view())});
}
