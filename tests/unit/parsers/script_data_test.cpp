#include "parsers/html/script_data.hpp"

#include <catch2/catch.hpp>

using namespace koubei::parsers::html;

TEST_CASE("find_js_value cuts the balanced value after a marker", "[parsers][html]") {
  const std::string page =
      "<script>window.__INITIAL_STATE__={\"a\":{\"b\":\"}{][\"},\"c\":[1,{\"d\":'x}'}]}</script>";
  const auto v = find_js_value(page, "window.__INITIAL_STATE__=");
  REQUIRE(v.has_value());
  CHECK(*v == "{\"a\":{\"b\":\"}{][\"},\"c\":[1,{\"d\":'x}'}]}");
  CHECK(find_js_value("var $render_data = [{\"status\":{}}][0] || {};", "var $render_data =") ==
        "[{\"status\":{}}]");
  CHECK(find_js_value("x={\"a\":\"esc \\\" }\"}", "x=") == "{\"a\":\"esc \\\" }\"}");
  CHECK_FALSE(find_js_value("no marker here", "window.__INITIAL_STATE__=").has_value());
  CHECK_FALSE(find_js_value("window.__INITIAL_STATE__={\"a\":1", "window.__INITIAL_STATE__=")
                  .has_value());
  CHECK_FALSE(find_js_value("window.__INITIAL_STATE__=null", "window.__INITIAL_STATE__=")
                  .has_value());
  CHECK_FALSE(find_js_value("m=", "m=").has_value());
}

TEST_CASE("js_to_json turns bare undefined into null, not inside strings or names",
          "[parsers][html]") {
  CHECK(js_to_json(R"({"a":undefined,"b":[undefined],"c":"undefined","d":undefinedX})") ==
        R"({"a":null,"b":[null],"c":"undefined","d":undefinedX})");
  CHECK(js_to_json("undefined") == "null");
  CHECK(js_to_json(R"({"s":"it\"s undefined"})") == R"({"s":"it\"s undefined"})");
}

TEST_CASE("script_by_id finds a script element's text by its id", "[parsers][html]") {
  const std::string page =
      "<script>var a=1;</script><script id=\"RENDER_DATA\" type=\"application/json\">%7B%22a%22"
      "%3A1%7D</SCRIPT><script id='X'>y</script>";
  CHECK(script_by_id(page, "RENDER_DATA") == "%7B%22a%22%3A1%7D");
  CHECK(script_by_id(page, "X") == "y");
  CHECK_FALSE(script_by_id(page, "NONE").has_value());
  CHECK_FALSE(script_by_id("<script id=\"A\">unterminated", "A").has_value());
}

TEST_CASE("url_decode decodes percent escapes and keeps invalid ones", "[parsers][html]") {
  CHECK(url_decode("%7B%22a%22%3A%E5%8D%8E%7D") == "{\"a\":华}");
  CHECK(url_decode("a+b%20c") == "a+b c");
  CHECK(url_decode("100%") == "100%");
  CHECK(url_decode("%zz%4") == "%zz%4");
  CHECK(url_decode("") == "");
}
