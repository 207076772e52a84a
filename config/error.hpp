#pragma once
// Errors as values on the data path (STYLE.md "Error handling").
//
// koubei::Error carries a std::error_code (a named, countable condition from one of the
// components' categories) and a human context that says where: a file path with offset, a URL
// with secrets removed, a field name. Result<T> is boost::system::result with that error, so a
// function returns either a value or an Error and callers branch on has_value() without exceptions.
// Exceptions remain for start-up and configuration only.

#include <boost/system/result.hpp>
#include <string>
#include <system_error>
#include <utility>

namespace koubei {

struct Error {
  std::error_code code;
  std::string where;  ///< what was being worked on: "var/out/m.jsonl", "https://…", "data.cards[3]"

  Error() = default;
  Error(std::error_code c, std::string w) : code(c), where(std::move(w)) {}

  /// "where: message" (or the message alone), for logs and stderr.
  std::string message() const {
    return where.empty() ? code.message() : where + ": " + code.message();
  }
};

template <class T>
using Result = boost::system::result<T, Error>;

/// Called by Result<T>::value() on an error; only start-up code may let it propagate.
[[noreturn]] void throw_exception_from_error(const Error& e, const boost::source_location& loc);

}  // namespace koubei
