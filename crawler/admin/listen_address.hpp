#pragma once
// The "HOST:PORT" of a listening socket, as config's daemon.metrics_listen spells it:
//
//   127.0.0.1:9464   [::1]:9464   localhost:9464 (= 127.0.0.1)   0.0.0.0:9464 (every interface)
//
// HOST is an IP literal or "localhost": no name is ever resolved, so starting cannot hang on DNS
// or bind somewhere unexpected. PORT is 0..65535; 0 lets the kernel pick one.

#include "config/error.hpp"

#include <boost/asio/ip/tcp.hpp>

#include <string_view>

namespace koubei::admin {

/// The endpoint, or Error{invalid_argument, where = what was wrong with `text`}.
Result<boost::asio::ip::tcp::endpoint> parse_listen_address(std::string_view text);

}  // namespace koubei::admin
