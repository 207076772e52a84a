#pragma once
// status_of(): "ok", or the error's message, so that `CHECK(status_of(r) == "ok")` shows the
// message when it fails. Shared by every storage test helper header.

#include "config/error.hpp"

#include <string>

namespace koubei::storage::testing {

template <class T>
std::string status_of(const Result<T>& result) {
  return result.has_value() ? "ok" : result.error().message();
}

}  // namespace koubei::storage::testing
