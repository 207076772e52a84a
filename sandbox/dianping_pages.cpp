#include "sandbox/dianping_pages.hpp"

#include <array>

#include "sandbox/civil_time.hpp"
#include "sandbox/ids.hpp"

namespace koubei::sandbox::dianping {
namespace {

constexpr PlatformId kDianping = PlatformId::kDianping;
constexpr std::array<std::string_view, 10> kHidden = {"的", "了", "很", "不", "好",
                                                      "来", "店", "菜", "服", "味"};

std::string glyph_class(const World& w, std::size_t i) {
  return "sv" + keyed_hex(w.signing_key() ^ 0xD1A9ULL, kHidden[i]).substr(0, 5);
}

// The review text with the hidden characters replaced by empty svgmtsi elements.
std::string obfuscate(const World& w, std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    bool hit = false;
    // The hidden characters are all 3-byte CJK: only their lead bytes can start one.
    for (std::size_t g = 0; g < kHidden.size() && static_cast<unsigned char>(text[i]) >= 0xE0; ++g) {
      if (text[i] == kHidden[g][0] && text.substr(i, kHidden[g].size()) == kHidden[g]) {
        out += "<svgmtsi class=\"" + glyph_class(w, g) + "\"></svgmtsi>";
        i += kHidden[g].size();
        hit = true;
        break;
      }
    }
    if (!hit) {
      // Copy the whole character (or ASCII byte) at once.
      const auto lead = static_cast<unsigned char>(text[i]);
      const std::size_t len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
      html_escape(out, text.substr(i, len));
      i += len;
    }
  }
  return out;
}

void append_review(std::string& out, const PageContext& ctx, const Post& p) {
  const std::string id = post_id(kDianping, p.key);
  const std::string member = author_id(kDianping, p.author);
  std::string name;
  html_escape(name, ctx.world.author(kDianping, p.author).name);
  out += R"(<li><a class="dper-photo-aside" href="/member/)" + member +
         R"("><img src="https://p0.meituan.net/userheadpicbackend/x.jpg"></a><div class="main-review">)"
         R"(<div class="dper-info"><a class="name" href="/member/)" + member + "\">" + name +
         R"(</a></div><div class="review-rank"><span class="sml-rank-stars sml-str)" +
         std::to_string(p.rating) + R"( star"></span><span class="score"><span class="item">口味：4</span></span></div>)"
         R"(<div class="review-words">)" + obfuscate(ctx.world, p.text) +
         R"(</div><div class="misc-info clearfix"><span class="time">)" + minute_time(p.created) +
         R"(</span><span class="actions"><a class="praise" href="javascript:;" data-id=")" + id +
         R"(">赞</a><em>()" + std::to_string(p.likes % 200) +
         R"()</em><a class="reply" href="javascript:;" data-id=")" + id +
         R"(">回应</a><em>(0)</em></span></div></div></li>)"
         "\n";
}

std::string page_head(std::string_view shop, bool css) {
  std::string out = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>";
  html_escape(out, shop);
  out += "的点评</title>\n";
  if (css) {
    out += R"(<link rel="stylesheet" type="text/css" href="//s3plus.meituan.net/v1/mss_0a06a471f9514fc79c981b5466f56b91/svgtextcss/sandbox.css">)";
  }
  out += "\n</head><body class=\"review-all-page\">\n";
  return out;
}

}  // namespace

std::map<std::string, std::string> glyph_map(const World& world) {
  std::map<std::string, std::string> m;
  for (std::size_t i = 0; i < kHidden.size(); ++i) m[glyph_class(world, i)] = kHidden[i];
  return m;
}

Response verify_redirect(std::string_view from) {
  Response r = html_response("<html><body>302 Found</body></html>", 302);
  r.headers.emplace_back("Location",
                         "https://verify.meituan.com/v2/web/general_page?action=spiderindefence"
                         "&requestCode=sandbox&platform=1000&adaptor=auto&succCallbackUrl=" +
                             url_encode(from));
  return r;
}

Response reviews(const PageContext& ctx, std::string_view shop_id, int page, bool logged_in) {
  const auto stream = ctx.world.shop_stream(shop_id);
  if (!stream) {
    return html_response(page_head("大众点评", true) +
                         "<div class=\"errorMessage\"><h2>抱歉！页面无法访问......</h2>"
                         "<p>页面不存在</p></div></body></html>", 404);
  }
  const std::string self = "/shop/" + std::string(shop_id) + "/review_all";
  if (page == 1) return verify_redirect("https://www.dianping.com" + self + "/p1");
  const ShopSpec& shop = ctx.world.shop(*stream);
  if (!logged_in) {
    return html_response(page_head(shop.name, false) +
                         "<div class=\"login-tip\">请登录后查看更多点评</div></body></html>");
  }
  const int n = std::max(page, 1);
  const PageSlice s = page_of(ctx, kDianping, *stream, ctx.world.start(), ctx.now + 1,
                              static_cast<std::size_t>(n - 1) * kPageSize, kPageSize, 1000000, false);
  std::string out = page_head(shop.name, true);
  out += R"(<div class="review-shop-wrap"><div class="shop-info"><h1 class="shop-name">)";
  html_escape(out, shop.name);
  out += "</h1></div></div>\n";
  out += ctx.changed_layout ? R"(<div class="review-list-v2">)" : R"(<div class="reviews-items">)";
  out += "\n<ul>\n";
  for (const Post& p : s.posts) append_review(out, ctx, p);
  out += "</ul>\n";
  if (s.posts.empty()) out += R"(<div class="no-review-item">暂无点评</div>)";
  out += R"(<div class="reviews-pages"><span class="PageSel">)" + std::to_string(n) + "</span>";
  if (s.more) {
    out += R"(<a href=")" + self + "/p" + std::to_string(n + 1) + R"(" data-pg=")" +
           std::to_string(n + 1) + R"(" class="NextPage" title="下一页">下一页</a>)";
  }
  out += "</div>\n</div>\n</body></html>\n";
  return html_response(std::move(out));
}

}  // namespace koubei::sandbox::dianping
