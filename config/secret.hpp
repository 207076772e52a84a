#pragma once
// Secrets: cookies, tokens, passwords (guarantees.md §13: they never appear in logs, errors,
// metrics, quarantine files or records).
//
// Secret holds a value that prints as "***" through every formatting path (ostream, fmt); only
// reveal() gives the value, so a grep for reveal() lists every place a secret leaves koubei (an
// HTTP header, a Redis AUTH). Redactor is the second line of defence: it knows every configured
// secret value and replaces any occurrence in a text (a log line, an error message) with "***".
//
// Thread safety: Secret is a value type. A Redactor is filled at start-up (or config reload, on a
// fresh instance) and then only read, which is safe from any thread.

#include <fmt/format.h>

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace koubei::config {

inline constexpr std::string_view kMask = "***";

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}

  /// The plain value. Call only where the secret is sent to its destination.
  const std::string& reveal() const { return value_; }
  bool empty() const { return value_.empty(); }

  friend bool operator==(const Secret&, const Secret&) = default;
  friend std::ostream& operator<<(std::ostream& os, const Secret&) { return os << kMask; }

 private:
  std::string value_;
};

class Redactor {
 public:
  /// Registers a secret value. Values shorter than kMinLength are ignored (masking every "a" in a
  /// log would hide more than it protects; such a secret is too weak to matter).
  void add(std::string_view value);

  /// Registers a Cookie header: the whole string and every cookie value in it ("SUB=…; SUBP=…").
  void add_cookie(std::string_view cookie_header);

  /// Registers the password in a URL or DSN ("redis://:pw@host", "postgresql://u:pw@h/db",
  /// "host=h password=pw").
  void add_dsn(std::string_view dsn);

  /// The text with every registered secret replaced by "***".
  std::string redact(std::string_view text) const;

  bool empty() const { return secrets_.empty(); }
  std::size_t size() const { return secrets_.size(); }

  static constexpr std::size_t kMinLength = 4;

 private:
  std::vector<std::string> secrets_;  // longest first, so a secret containing another masks whole
};

/// A URL or DSN with its password shown as "***": "redis://:***@127.0.0.1:6379/0".
std::string mask_dsn(std::string_view dsn);

/// The password part of a URL or DSN, or empty.
std::string_view dsn_password(std::string_view dsn);

/// A request URL safe to log or to put in a record's source.url: userinfo password masked and the
/// values of token-like query parameters (xsec_token, a_bogus, X-Bogus, msToken, _token,
/// verifyFp, access_token, token, sign, signature, password) replaced by "***".
std::string redact_url(std::string_view url);

}  // namespace koubei::config

template <>
struct fmt::formatter<koubei::config::Secret> : fmt::formatter<std::string_view> {
  template <class Context>
  auto format(const koubei::config::Secret&, Context& ctx) const {
    return fmt::formatter<std::string_view>::format(koubei::config::kMask, ctx);
  }
};
