#include "parsers/dianping/review_fields.hpp"

#include "parsers/dianping/chars.hpp"
#include "parsers/normalize/spaces.hpp"

namespace koubei::parsers::dianping {
namespace {

constexpr std::string_view kPublicOrigin = "https://www.dianping.com";
constexpr std::uint32_t kMaxPage = 100000;

/// The path segment that follows `prefix` in url ("/member/" → the id), if it is a valid id.
std::string_view segment_after(std::string_view url, std::string_view prefix) {
  url = url.substr(0, url.find_first_of("?#"));
  const auto at = url.find(prefix);
  if (at == std::string_view::npos) return {};
  std::string_view rest = url.substr(at + prefix.size());
  rest = rest.substr(0, rest.find('/'));
  return is_id(rest) ? rest : std::string_view();
}

}  // namespace

std::optional<std::string_view> star_digits(std::string_view classes) {
  constexpr std::string_view kPrefix = "sml-str";
  for (auto at = classes.find(kPrefix); at != std::string_view::npos;
       at = classes.find(kPrefix, at + 1)) {
    if (at > 0 && !normalize::is_ascii_space(classes[at - 1])) continue;
    std::string_view token = classes.substr(at + kPrefix.size());
    std::size_t end = 0;
    while (end < token.size() && !normalize::is_ascii_space(token[end]))
      ++end;
    return token.substr(0, end);
  }
  return std::nullopt;
}

std::optional<double> star_rating(std::string_view digits) {
  if (digits.empty() || digits.size() > 2) return std::nullopt;
  int value = 0;
  for (const char c : digits) {
    if (!is_ascii_digit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value > 50) return std::nullopt;
  return value / 10.0;
}

std::string_view review_time_text(std::string_view shown) {
  constexpr std::string_view kEdited = "更新于";
  shown = normalize::trim(shown);
  const auto at = shown.find(kEdited);
  if (at == std::string_view::npos) return shown;
  const std::string_view first = normalize::trim(shown.substr(0, at));
  return first.empty() ? normalize::trim(shown.substr(at + kEdited.size())) : first;
}

normalize::CountValue action_count(std::string_view actions_text, std::string_view label) {
  normalize::CountValue none;
  none.status = normalize::CountValue::Status::kEmpty;
  const auto at = label.empty() ? std::string_view::npos : actions_text.find(label);
  if (at == std::string_view::npos) return none;
  const std::string_view rest = normalize::trim(actions_text.substr(at + label.size()));
  std::string_view close;
  if (rest.starts_with("(")) {
    close = ")";
  } else if (rest.starts_with("（")) {
    close = "）";
  } else {
    return none;
  }
  const auto end = rest.find(close);
  if (end == std::string_view::npos) return {};  // kInvalid: "(12" never closed
  normalize::CountValue count = normalize::parse_count(rest.substr(0, end + close.size()));
  if (count.status == normalize::CountValue::Status::kLabel) count = {};  // "(abc)": kInvalid
  return count;
}

std::string_view member_id(std::string_view href) {
  return segment_after(href, "/member/");
}

std::string_view shop_id(std::string_view url) {
  return segment_after(url, "/shop/");
}

std::optional<std::uint32_t> page_number(std::string_view digits) {
  if (digits.empty() || digits.size() > 6) return std::nullopt;
  std::uint32_t page = 0;
  for (const char c : digits) {
    if (!is_ascii_digit(c)) return std::nullopt;
    page = page * 10 + static_cast<std::uint32_t>(c - '0');
  }
  if (page < 1 || page > kMaxPage) return std::nullopt;
  return page;
}

std::optional<std::uint32_t> review_page(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  while (url.ends_with("/"))
    url.remove_suffix(1);
  const auto slash = url.rfind('/');
  const std::string_view last = slash == std::string_view::npos ? url : url.substr(slash + 1);
  if (!last.starts_with("p")) return std::nullopt;
  return page_number(last.substr(1));
}

std::string absolute_url(std::string_view href) {
  href = normalize::trim(href);
  if (href.starts_with("https://") || href.starts_with("http://")) return std::string(href);
  if (href.starts_with("//")) return href.size() > 2 ? "https:" + std::string(href) : std::string();
  if (href.starts_with("/") && href.size() > 1)
    return std::string(kPublicOrigin) + std::string(href);
  return {};
}

}  // namespace koubei::parsers::dianping
