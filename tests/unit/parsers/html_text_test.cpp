#include "parsers/normalize/html_text.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/normalize/utf8.hpp"

namespace {

using koubei::normalize::extract_topics;
using koubei::normalize::html_to_text;
using koubei::normalize::is_valid_utf8;

struct Row {
  std::string_view html;
  std::string_view text;
};

void check_rows(const Row* rows, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    CAPTURE(rows[i].html);
    CHECK(html_to_text(rows[i].html) == rows[i].text);
  }
}

}  // namespace

TEST_CASE("html_to_text turns line breaks and blocks into newlines and collapses spaces",
          "[parsers][normalize]") {
  constexpr std::array<Row, 20> kRows = {{
      {"plain", "plain"},
      {"a<br>b", "a\nb"},
      {"a<br/>b", "a\nb"},
      {"a<br />b", "a\nb"},
      {"a<BR>b", "a\nb"},
      {"a   <br>   b", "a\nb"},
      {"a<br><br>b", "a\n\nb"},
      {"a<br><br><br><br>b", "a\n\nb"},
      {"<p>a</p><p>b</p>", "a\nb"},
      {"<div>a</div>b", "a\nb"},
      {"a<br></p>b", "a\nb"},
      {"a<br><br></p><p>b", "a\n\nb"},
      {"<p> a </p>", "a"},
      {"<br>a<br>", "a"},
      {"  a   b\t\r\nc  ", "a b c"},
      {"line1\nline2", "line1 line2"},
      {"a\xC2\xA0\xC2\xA0" "b", "a b"},
      {"a\xE3\x80\x80\xE3\x80\x80" "b", "a b"},
      {"<span>a</span><span>b</span>", "ab"},
      {"<b>bold</b> <i>italic</i>", "bold italic"},
  }};
  check_rows(kRows.data(), kRows.size());
}

TEST_CASE("html_to_text keeps emoji alt text, mentions and topics", "[parsers][normalize]") {
  constexpr std::array<Row, 8> kRows = {{
      {R"(<img alt="[哈哈]" src="x.png">)", "[哈哈]"},
      {R"(<img src='x' alt='[doge]'/>)", "[doge]"},
      {R"(<img alt=[doge] src=x>)", "[doge]"},
      {R"(<IMG ALT = "[心]">)", "[心]"},
      {R"(a<img src="x.png">b)", "ab"},
      {R"(<img alt="&lt;3">)", "<3"},
      {R"(<a href='/n/张三'>@张三</a> 今天好开心<span class="url-icon"><img alt=[哈哈] )"
       R"(src="https://h5.sinaimg.cn/m/emoticon/icon/default/d_haha.png" )"
       R"(style="width:1em; height:1em;" /></span><br /><a  href="https://m.weibo.cn/search?)"
       R"(containerid=231522type%3D1%26q%3D%23%E7%BE%8E%E9%A3%9F%23" data-hide="">)"
       R"(<span class="surl-text">#美食#</span></a> )",
       "@张三 今天好开心[哈哈]\n#美食#"},
      {"\n  很好吃的一家店，<img class=\"emoji-img\" src=\"https://p0.meituan.net/x.png\" alt=\"\">"
       "&nbsp;推荐！<br>\n环境不错  ",
       "很好吃的一家店， 推荐！\n环境不错"},
  }};
  check_rows(kRows.data(), kRows.size());
}

TEST_CASE("html_to_text drops scripts, styles and comments", "[parsers][normalize]") {
  constexpr std::array<Row, 7> kRows = {{
      {"a<script>var x = '<b>' + '</b>';</script>b", "ab"},
      {"<style>.x{color:red}</style>text", "text"},
      {"<SCRIPT type=x>x</SCRIPT >y", "y"},
      {"a<script>never closed", "a"},
      {"a<!-- hidden <b>bold</b> -->b", "ab"},
      {"a<!-- never closed", "a"},
      {"<!DOCTYPE html>a<?xml x?>b", "ab"},
  }};
  check_rows(kRows.data(), kRows.size());
}

TEST_CASE("html_to_text decodes entities and leaves unknown ones as text", "[parsers][normalize]") {
  constexpr std::array<Row, 22> kRows = {{
      {"&amp;&lt;&gt;&quot;&apos;", "&<>\"'"},
      {"a&nbsp;&nbsp;b", "a b"},
      {"&hellip;&mdash;&ndash;", "…—–"},
      {"&ldquo;x&rdquo; &lsquo;y&rsquo;", "“x” ‘y’"},
      {"&middot;&copy;&reg;&times;&yen;", "·©®×¥"},
      {"&#20013;&#x6587;&#X6587;", "中文文"},
      {"&#x1F600;&#128512;", "😀😀"},
      {"a&#10;b", "a b"},
      {"&#0;", "\xEF\xBF\xBD"},
      {"&#99999999999;", "\xEF\xBF\xBD"},
      {"&#xD800;", "\xEF\xBF\xBD"},
      {"&#x110000;", "\xEF\xBF\xBD"},
      {"&#x10FFFF;", "\xF4\x8F\xBF\xBF"},
      {"&bogus;", "&bogus;"},
      {"&amp", "&amp"},
      {"AT&T", "AT&T"},
      {"&#;", "&#;"},
      {"&#x;", "&#x;"},
      {"&#12", "&#12"},
      {"&lt;b&gt;not a tag&lt;/b&gt;", "<b>not a tag</b>"},
      {"&&amp;", "&&"},
      {"&", "&"},
  }};
  check_rows(kRows.data(), kRows.size());
}

TEST_CASE("html_to_text survives broken markup and invalid UTF-8", "[parsers][normalize]") {
  constexpr std::array<Row, 12> kRows = {{
      {R"(<a href="x)", ""},
      {R"(ok <a href="x)", "ok"},
      {"a < b", "a < b"},
      {"a<", "a<"},
      {"x<3", "x<3"},
      {"</>a", "a"},
      {"a<b", "a"},
      {"a</", "a</"},
      {"a\xFF" "b", "a\xEF\xBF\xBD" "b"},
      {"\xE4\xB8", "\xEF\xBF\xBD"},
      {"\xE4<br>\xB8", "\xEF\xBF\xBD\n\xEF\xBF\xBD"},
      {"", ""},
  }};
  check_rows(kRows.data(), kRows.size());
}

TEST_CASE("html_to_text runs in linear time on adversarial input", "[parsers][normalize]") {
  // Each of these would take minutes if any step rescanned the rest of the input.
  constexpr std::size_t kRepeat = 200'000;
  const auto repeat = [](std::string_view unit) {
    std::string s;
    for (std::size_t i = 0; i < kRepeat; ++i) s += unit;
    return s;
  };
  CHECK(html_to_text("<script>" + repeat("</")).empty());
  CHECK(html_to_text(repeat("&#1")).size() == 3 * kRepeat);
  CHECK(html_to_text(repeat("&")).size() == kRepeat);
  CHECK(html_to_text(repeat("< ")).size() == 2 * kRepeat - 1);
  CHECK(html_to_text("<a " + repeat("x=")).empty());
  CHECK(html_to_text(repeat("<br>")).empty());
  CHECK(extract_topics(repeat("#")).empty());
  CHECK(extract_topics(repeat("#a")).size() == 1);
}

TEST_CASE("extract_topics finds Weibo and Xiaohongshu topics in first-seen order",
          "[parsers][normalize]") {
  const std::string long_topic = [] {
    std::string s;
    for (int i = 0; i < 64; ++i) s += "字";
    return s;
  }();
  const auto [text, expected] = GENERATE_REF(table<std::string, std::vector<std::string>>({
      {"#美食# 今天 #旅行#", {"美食", "旅行"}},
      {"#美食[话题]# #探店[话题]#", {"美食", "探店"}},
      {"#美食# #美食[话题]# #a#", {"美食", "a"}},
      {"# 美食 #", {"美食"}},
      {"no topics here", {}},
      {"#a\nb# #c#", {"c"}},
      {"##", {}},
      {"5# #topic#", {"topic"}},
      {"#a#b#c#", {"a", "c"}},
      {"#[话题]#", {}},
      {"#unclosed", {}},
      {"#\xFF#", {"\xEF\xBF\xBD"}},
      {"#" + long_topic + "#", {long_topic}},
      {"#" + long_topic + "字#", {}},
  }));
  CAPTURE(text);
  CHECK(extract_topics(text) == expected);
}

TEST_CASE("html_to_text and extract_topics survive pseudo-random bytes", "[parsers][normalize]") {
  constexpr std::array<std::string_view, 22> kTokens = {
      "<", ">", "/", "&", "#", ";", "x", "1", "\"", "'", "=", " ", "\n", "br", "p", "img alt",
      "script", "<!--", "-->", "amp", "[话题]", "\xE4\xB8"};
  std::mt19937 rng(4242);
  for (int i = 0; i < 5000; ++i) {
    std::string input;
    const int parts = static_cast<int>(rng() % 24);
    for (int p = 0; p < parts; ++p) {
      if (rng() % 4 == 0) {
        input.push_back(static_cast<char>(rng() % 256));
      } else {
        input += kTokens[rng() % kTokens.size()];
      }
    }
    CAPTURE(input);
    const std::string text = html_to_text(input);
    REQUIRE(is_valid_utf8(text));
    REQUIRE(text.find("\n\n\n") == std::string::npos);
    REQUIRE(text.find("  ") == std::string::npos);
    for (const std::string& topic : extract_topics(input)) {
      REQUIRE_FALSE(topic.empty());
      REQUIRE(is_valid_utf8(topic));
    }
  }
}

TEST_CASE("plain_to_text applies the whitespace rules and keeps markup as text",
          "[parsers][normalize]") {
  using koubei::normalize::plain_to_text;
  CHECK(plain_to_text("  a   b\t c  ") == "a b c");
  CHECK(plain_to_text("line1 \n  line2") == "line1\nline2");
  CHECK(plain_to_text("a\n\n\n\nb") == "a\n\nb");
  CHECK(plain_to_text("a\r\nb") == "a\nb");
  CHECK(plain_to_text("<b>&amp;</b>") == "<b>&amp;</b>");
  CHECK(plain_to_text("x\xC2\xA0y\xE3\x80\x80z ©") == "x y z ©");
  CHECK(plain_to_text("bad \xff utf8") == "bad \xEF\xBF\xBD utf8");
  CHECK(plain_to_text("") == "");
}
