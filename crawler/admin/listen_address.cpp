#include "crawler/admin/listen_address.hpp"

#include <charconv>
#include <string>
#include <system_error>

namespace koubei::admin {

Result<boost::asio::ip::tcp::endpoint> parse_listen_address(std::string_view text) {
  const auto bad = [&](std::string_view why) {
    return Error(std::make_error_code(std::errc::invalid_argument),
                 "listen address \"" + std::string(text) + "\": " + std::string(why) +
                     " (expected HOST:PORT with HOST an IP address or localhost, e.g. "
                     "127.0.0.1:9464)");
  };
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos) return bad("no port");
  std::string_view host = text.substr(0, colon);
  const std::string_view port_text = text.substr(colon + 1);
  unsigned port = 0;
  const auto [end, ec] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() ||
      port > 65535) {
    return bad("port is not a number from 0 to 65535");
  }
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host.empty()) return bad("no host");
  if (host == "localhost") host = "127.0.0.1";
  boost::system::error_code address_ec;
  const auto address = boost::asio::ip::make_address(std::string(host), address_ec);
  if (address_ec) return bad("host is not an IP address");
  return boost::asio::ip::tcp::endpoint(address, static_cast<unsigned short>(port));
}

}  // namespace koubei::admin
