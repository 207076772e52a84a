#pragma once
// The engine's completion handler type and fetch ids, shared by the public header and internals.

#include "crawler/http/response.hpp"

#include <boost/asio/any_completion_handler.hpp>

#include <cstdint>

namespace koubei::http {

/// Identifies one fetch for cancel(); unique per engine.
using FetchId = std::uint64_t;

namespace detail {
/// Move-only, keeps the handler's associated executor and cancellation slot.
using Completion = boost::asio::any_completion_handler<void(Response)>;
}  // namespace detail

}  // namespace koubei::http
