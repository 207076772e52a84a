#pragma once
// Typed, located reading of a TOML table that collects every problem instead of stopping at the
// first, and rejects keys nobody asked for (a typo must never be silently ignored).
//
// Every read_*() call names a key it knows; finish() reports the keys of the table that no call
// named, with the closest known key as a suggestion. Strings go through ${ENV} expansion first.
// Diagnostics render as "file:line:col: key.path: what is wrong (expected …)".
//
// Used only by config::load() at start-up; not thread-safe.

#include <toml++/toml.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/env_expand.hpp"
#include "config/secret.hpp"
#include "config/units.hpp"

namespace koubei::config {

struct Diagnostic {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string key;
  std::string message;
};

class Diagnostics {
 public:
  explicit Diagnostics(std::string file) : file_(std::move(file)) {}

  void add(const toml::source_region& where, std::string key, std::string message);
  bool empty() const { return items_.empty(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  const std::string& file() const { return file_; }

  /// One line per problem, in file order.
  std::string format() const;

 private:
  std::string file_;
  std::vector<Diagnostic> items_;
};

class TableReader {
 public:
  TableReader(const toml::table& table, std::string path, Diagnostics& diags, const EnvLookup& env);

  // Each read leaves `out` untouched when the key is absent or invalid, and returns true only when
  // it assigned a value. A present-but-invalid key adds a diagnostic.
  bool read_string(std::string_view key, std::string& out, bool required = false);
  bool read_secret(std::string_view key, Secret& out);
  bool read_bool(std::string_view key, bool& out);
  bool read_number(std::string_view key, double& out, double min, double max);
  bool read_uint(std::string_view key, std::uint64_t& out, std::uint64_t min, std::uint64_t max);
  bool read_uint(std::string_view key, std::uint32_t& out, std::uint32_t min, std::uint32_t max);
  bool read_duration(std::string_view key, Duration& out);
  bool read_rate(std::string_view key, Rate& out);
  bool read_size(std::string_view key, std::uint64_t& out);
  bool read_string_list(std::string_view key, std::vector<std::string>& out);

  /// One of a fixed set of names.
  template <class E>
  bool read_enum(std::string_view key, E& out,
                 std::initializer_list<std::pair<std::string_view, E>> choices) {
    std::string text;
    if (!read_string(key, text)) return false;
    std::string expected;
    for (const auto& [name, value] : choices) {
      if (name == text) {
        out = value;
        return true;
      }
      expected += (expected.empty() ? "\"" : ", \"") + std::string(name) + "\"";
    }
    error(key, "\"" + text + "\" is not a valid choice (expected one of " + expected + ")");
    return false;
  }

  /// A sub-table [key] or inline table; std::nullopt when absent (or not a table: diagnosed).
  std::optional<TableReader> table(std::string_view key);

  /// An array of tables [[key]]; empty when absent.
  std::vector<TableReader> tables(std::string_view key);

  /// The keys present in this table, in file order.
  std::vector<std::string> keys() const;

  /// Adds a diagnostic at the key's value (or at the table when the key is absent).
  void error(std::string_view key, std::string message);

  /// Adds a diagnostic at a character column inside the key's string value (1-based, in code
  /// points). When the value as written differs from what was read (escapes, ${ENV}, multi-line),
  /// it points at the value and names the column in the message instead.
  void error_in_string(std::string_view key, std::uint32_t column, std::string message);

  /// Marks a key as handled without reading it (the caller reported it otherwise).
  void ignore(std::string_view key) { known_.emplace(key); }

  /// Reports every key of the table that no read named. Call once, after the reads.
  void finish();

  const std::string& path() const { return path_; }
  std::string key_path(std::string_view key) const;
  const toml::table& raw() const { return *table_; }
  const EnvLookup& env() const { return *env_; }

 private:
  const toml::node* lookup(std::string_view key);
  std::optional<std::string> string_value(std::string_view key, std::string_view what);
  void type_error(std::string_view key, const toml::node& node, std::string_view expected);

  const toml::table* table_;
  std::string path_;
  Diagnostics* diags_;
  const EnvLookup* env_;
  std::set<std::string, std::less<>> known_;
};

}  // namespace koubei::config
