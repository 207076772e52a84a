#include "sandbox/blocks.hpp"

#include "sandbox/dianping_pages.hpp"

namespace koubei::sandbox {
namespace {

std::string nginx_page(int status) {
  const std::string s = std::to_string(status);
  return "<html>\n<head><title>" + s + "</title></head>\n<body>\n<center><h1>" + s +
         "</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n";
}

}  // namespace

Endpoint endpoint_of(std::string_view path) {
  if (path == "/api/container/getIndex" || path == "/comments/hotflow") return Endpoint::kWeiboApi;
  if (path.starts_with("/detail/")) return Endpoint::kWeiboDetail;
  if (path == "/weibo") return Endpoint::kWeiboSearchHtml;
  if (path.starts_with("/api/sns/web/")) return Endpoint::kXhsApi;
  if (path.starts_with("/explore/")) return Endpoint::kXhsHtml;
  if (path == "/aweme/v1/web/general/search/single/" || path == "/aweme/v1/web/search/item/") {
    return Endpoint::kDouyinSearch;
  }
  if (path.starts_with("/aweme/v1/web/")) return Endpoint::kDouyinApi;
  if (path.starts_with("/video/")) return Endpoint::kDouyinHtml;
  if (path.starts_with("/shop/")) return Endpoint::kDianping;
  return Endpoint::kUnknown;
}

PlatformId platform_of(Endpoint e) {
  switch (e) {
    case Endpoint::kXhsApi:
    case Endpoint::kXhsHtml: return PlatformId::kXiaohongshu;
    case Endpoint::kDouyinSearch:
    case Endpoint::kDouyinApi:
    case Endpoint::kDouyinHtml: return PlatformId::kDouyin;
    case Endpoint::kDianping: return PlatformId::kDianping;
    default: return PlatformId::kWeibo;
  }
}

Response blocked_answer(Endpoint e, Block why, const Request& req) {
  const bool ip = why == Block::kIp;
  switch (e) {
    case Endpoint::kWeiboApi:
      if (ip) return html_response(nginx_page(432), 432);
      return json_response(R"({"ok":-100,"url":"https://m.weibo.cn/captcha?scene=limit&referer=/"})");
    case Endpoint::kWeiboDetail:
    case Endpoint::kWeiboSearchHtml: {
      if (ip) return html_response(nginx_page(418), 418);
      Response r = html_response("", 302);
      r.headers.emplace_back("Location", "https://m.weibo.cn/captcha?scene=limit&referer=/");
      return r;
    }
    case Endpoint::kXhsHtml: {
      Response r = html_response("", 302);
      r.headers.emplace_back("Location", "https://www.xiaohongshu.com/website-login/captcha?redirectPath=" + url_encode(req.path));
      return r;
    }
    case Endpoint::kXhsApi: {
      if (!ip) {
        return json_response(R"({"code":300013,"success":false,"msg":"访问频次异常，请勿频繁操作或重启试试","data":{}})");
      }
      Response r = json_response(R"({"code":300013,"success":false,"msg":"访问频次异常，请勿频繁操作或重启试试"})", 461);
      r.headers.emplace_back("Verifytype", "102");
      r.headers.emplace_back("Verifyuuid", "sandbox-verify");
      return r;
    }
    case Endpoint::kDouyinSearch:
      if (ip) {
        return json_response(R"({"status_code":0,"data":[],"has_more":0,"search_nil_info":{"search_nil_type":"verify_check","search_nil_item":"verify_check"}})");
      }
      return json_response("");
    case Endpoint::kDouyinApi:
    case Endpoint::kDouyinHtml:
      return json_response("");
    case Endpoint::kDianping:
      if (ip) return dianping::verify_redirect("https://www.dianping.com" + req.path);
      return html_response(nginx_page(403), 403);
    case Endpoint::kUnknown: break;
  }
  return html_response(nginx_page(429), 429);
}

Response signature_rejected(Endpoint e) {
  if (e == Endpoint::kXhsApi) return json_response(R"({"code":-1,"success":false})", 406);
  if (e == Endpoint::kDouyinSearch) {
    return json_response(R"({"status_code":0,"data":[],"has_more":0,"search_nil_info":{"search_nil_type":"params_check","search_nil_item":"params_check"}})");
  }
  return json_response(R"({"status_code":5,"status_msg":"invalid params: signature check failed"})");
}

}  // namespace koubei::sandbox
