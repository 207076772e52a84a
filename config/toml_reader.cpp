#include "config/toml_reader.hpp"

#include <algorithm>

namespace koubei::config {
namespace {

std::string_view type_name(toml::node_type t) {
  switch (t) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    default: return "nothing";
  }
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

void Diagnostics::add(const toml::source_region& where, std::string key, std::string message) {
  items_.push_back({where.begin.line, where.begin.column, std::move(key), std::move(message)});
}

std::string Diagnostics::format() const {
  std::vector<Diagnostic> sorted = items_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  std::string out;
  for (const auto& d : sorted) {
    out += file_ + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": ";
    if (!d.key.empty()) out += d.key + ": ";
    out += d.message + "\n";
  }
  return out;
}

TableReader::TableReader(const toml::table& table, std::string path, Diagnostics& diags,
                         const EnvLookup& env)
    : table_(&table), path_(std::move(path)), diags_(&diags), env_(&env) {}

std::string TableReader::key_path(std::string_view key) const {
  if (path_.empty()) return std::string(key);
  return path_ + "." + std::string(key);
}

const toml::node* TableReader::lookup(std::string_view key) {
  known_.emplace(key);
  return table_->get(key);
}

void TableReader::error(std::string_view key, std::string message) {
  const toml::node* node = table_->get(key);
  diags_->add(node != nullptr ? node->source() : table_->source(), key_path(key),
              std::move(message));
}

void TableReader::error_in_string(std::string_view key, std::uint32_t column,
                                  std::string message) {
  const toml::node* node = table_->get(key);
  const auto* str = node != nullptr ? node->as_string() : nullptr;
  if (str == nullptr) return error(key, std::move(message));
  std::uint32_t chars = 0;
  for (char c : str->get()) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  toml::source_region where = node->source();
  // A one-line string whose source span is its characters plus two quotes was written verbatim.
  const bool verbatim = where.begin.line == where.end.line &&
                        where.end.column == where.begin.column + chars + 2 &&
                        !expand_env(str->get(), *env_).used_env;
  if (verbatim) {
    where.begin.column += column;
  } else {
    message += " (column " + std::to_string(column) + " of the value)";
  }
  diags_->add(where, key_path(key), std::move(message));
}

void TableReader::type_error(std::string_view key, const toml::node& node,
                             std::string_view expected) {
  error(key, "expected " + std::string(expected) + ", got " + std::string(type_name(node.type())));
}

std::optional<std::string> TableReader::string_value(std::string_view key, std::string_view what) {
  const toml::node* node = lookup(key);
  if (node == nullptr) return std::nullopt;
  const auto* s = node->as_string();
  if (s == nullptr) {
    type_error(key, *node, what);
    return std::nullopt;
  }
  Expanded expanded = expand_env(s->get(), *env_);
  if (!expanded.error.empty()) {
    error(key, expanded.error);
    return std::nullopt;
  }
  return std::move(expanded.value);
}

bool TableReader::read_string(std::string_view key, std::string& out, bool required) {
  if (required && table_->get(key) == nullptr) {
    known_.emplace(key);
    error(key, "missing (required)");
    return false;
  }
  auto value = string_value(key, "a string");
  if (!value) return false;
  if (required && value->empty()) {
    error(key, "must not be empty");
    return false;
  }
  out = std::move(*value);
  return true;
}

bool TableReader::read_secret(std::string_view key, Secret& out) {
  auto value = string_value(key, "a string");
  if (!value) return false;
  out = Secret(std::move(*value));
  return true;
}

bool TableReader::read_bool(std::string_view key, bool& out) {
  const toml::node* node = lookup(key);
  if (node == nullptr) return false;
  const auto* b = node->as_boolean();
  if (b == nullptr) {
    type_error(key, *node, "a boolean (true or false)");
    return false;
  }
  out = b->get();
  return true;
}

bool TableReader::read_number(std::string_view key, double& out, double min, double max) {
  const toml::node* node = lookup(key);
  if (node == nullptr) return false;
  double value = 0;
  if (const auto* f = node->as_floating_point()) {
    value = f->get();
  } else if (const auto* i = node->as_integer()) {
    value = static_cast<double>(i->get());
  } else {
    type_error(key, *node, "a number");
    return false;
  }
  if (!(value >= min && value <= max)) {
    error(key, std::to_string(value) + " is out of range (expected " + std::to_string(min) +
                   " to " + std::to_string(max) + ")");
    return false;
  }
  out = value;
  return true;
}

bool TableReader::read_uint(std::string_view key, std::uint64_t& out, std::uint64_t min,
                            std::uint64_t max) {
  const toml::node* node = lookup(key);
  if (node == nullptr) return false;
  const auto* i = node->as_integer();
  if (i == nullptr) {
    type_error(key, *node, "an integer");
    return false;
  }
  const std::int64_t value = i->get();
  if (value < 0 || static_cast<std::uint64_t>(value) < min ||
      static_cast<std::uint64_t>(value) > max) {
    error(key, std::to_string(value) + " is out of range (expected an integer from " +
                   std::to_string(min) + " to " + std::to_string(max) + ")");
    return false;
  }
  out = static_cast<std::uint64_t>(value);
  return true;
}

bool TableReader::read_uint(std::string_view key, std::uint32_t& out, std::uint32_t min,
                            std::uint32_t max) {
  std::uint64_t wide = 0;
  if (!read_uint(key, wide, min, max)) return false;
  out = static_cast<std::uint32_t>(wide);
  return true;
}

bool TableReader::read_duration(std::string_view key, Duration& out) {
  const auto text = string_value(key, "a duration string such as \"30s\"");
  if (!text) return false;
  const auto d = parse_duration(*text);
  if (!d) {
    error(key, "\"" + *text + "\" is not a duration (expected a number with a unit ms, s, m, h, "
                               "d or w, such as \"500ms\", \"30s\", \"1h30m\", \"30d\")");
    return false;
  }
  out = *d;
  return true;
}

bool TableReader::read_rate(std::string_view key, Rate& out) {
  const auto text = string_value(key, "a rate string such as \"2/s\"");
  if (!text) return false;
  const auto r = parse_rate(*text);
  if (!r) {
    error(key, "\"" + *text + "\" is not a rate (expected \"<count>/<unit>\" with a positive "
                               "count, such as \"2/s\", \"30/m\", \"1/10s\")");
    return false;
  }
  out = *r;
  return true;
}

bool TableReader::read_size(std::string_view key, std::uint64_t& out) {
  const toml::node* node = table_->get(key);
  if (node != nullptr && node->is_integer()) return read_uint(key, out, 0, UINT64_MAX);
  const auto text = string_value(key, "a size such as \"8MiB\"");
  if (!text) return false;
  const auto s = parse_size(*text);
  if (!s) {
    error(key, "\"" + *text + "\" is not a size (expected an integer with B, KiB, MiB, GiB, KB, "
                               "MB or GB, such as \"8MiB\")");
    return false;
  }
  out = *s;
  return true;
}

bool TableReader::read_string_list(std::string_view key, std::vector<std::string>& out) {
  const toml::node* node = lookup(key);
  if (node == nullptr) return false;
  const auto* array = node->as_array();
  if (array == nullptr) {
    type_error(key, *node, "an array of strings");
    return false;
  }
  std::vector<std::string> values;
  bool ok = true;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto* s = (*array)[i].as_string();
    if (s == nullptr) {
      diags_->add((*array)[i].source(), key_path(key) + "[" + std::to_string(i) + "]",
                  "expected a string, got " + std::string(type_name((*array)[i].type())));
      ok = false;
      continue;
    }
    Expanded expanded = expand_env(s->get(), *env_);
    if (!expanded.error.empty()) {
      diags_->add((*array)[i].source(), key_path(key) + "[" + std::to_string(i) + "]",
                  expanded.error);
      ok = false;
      continue;
    }
    values.push_back(std::move(expanded.value));
  }
  if (ok) out = std::move(values);
  return ok;
}

std::optional<TableReader> TableReader::table(std::string_view key) {
  const toml::node* node = lookup(key);
  if (node == nullptr) return std::nullopt;
  const auto* t = node->as_table();
  if (t == nullptr) {
    type_error(key, *node, "a table");
    return std::nullopt;
  }
  return TableReader(*t, key_path(key), *diags_, *env_);
}

std::vector<TableReader> TableReader::tables(std::string_view key) {
  std::vector<TableReader> out;
  const toml::node* node = lookup(key);
  if (node == nullptr) return out;
  const auto* array = node->as_array();
  if (array == nullptr) {
    type_error(key, *node, "an array of tables ([[" + std::string(key) + "]])");
    return out;
  }
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto* t = (*array)[i].as_table();
    const std::string path = key_path(key) + "[" + std::to_string(i) + "]";
    if (t == nullptr) {
      diags_->add((*array)[i].source(), path,
                  "expected a table, got " + std::string(type_name((*array)[i].type())));
      continue;
    }
    out.emplace_back(*t, path, *diags_, *env_);
  }
  return out;
}

std::vector<std::string> TableReader::keys() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : *table_) out.emplace_back(k.str());
  return out;
}

void TableReader::finish() {
  for (const auto& [k, v] : *table_) {
    if (known_.count(k.str()) != 0) continue;
    std::string message = "unknown key";
    std::string_view best;
    std::size_t best_distance = 3;  // suggest only close matches
    for (const auto& candidate : known_) {
      const std::size_t d = edit_distance(k.str(), candidate);
      if (d < best_distance) {
        best_distance = d;
        best = candidate;
      }
    }
    if (!best.empty()) {
      message += " (did you mean \"" + std::string(best) + "\"?)";
    } else if (!known_.empty()) {
      std::string expected;
      for (const auto& candidate : known_) expected += (expected.empty() ? "" : ", ") + candidate;
      message += " (expected one of: " + expected + ")";
    }
    diags_->add(k.source(), key_path(k.str()), message);
  }
}

}  // namespace koubei::config
