#pragma once
// Internal to crawler/clients: what one listing page's request is built from, the per-platform
// builders PlatformClient dispatches to, and the cursor helpers they share. Pure.
//
// REQUIRES (every *_page function): PlatformClient::refuse() accepted the listing (the platform
// has this kind, the keys are set, a signer is configured where the route is signed).

#include "config/config.hpp"
#include "config/error.hpp"
#include "crawler/clients/platform_client.hpp"
#include "crawler/requests/request_spec.hpp"
#include "parsers/page.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace koubei::clients::detail {

struct PageState {
  const Listing& listing;
  std::uint32_t page = 1;       ///< 1-based number of the page to build
  std::string_view current;     ///< the cursor the previous page was built from ("" = page 1)
  const parsers::Cursor* next;  ///< the previous page's cursor; nullptr for page 1
  std::string_view session;     ///< XHS search_id, or Douyin's latest extra.logid
  std::int64_t started_ms = 0;  ///< the walk's start time (Unix ms)

  bool first() const { return next == nullptr; }
};

/// An Error of this client: code, and where = "platform kind key[: why]".
Error listing_error(ClientErrc code,
                    config::PlatformId platform,
                    const Listing& listing,
                    std::string_view why = {});

/// The numeric cursor of the next page (a page number or an offset). It must be ahead of the
/// current one (`first` on page 1): a page that repeats or goes back would loop the walk.
Result<std::uint64_t> next_number(config::PlatformId platform,
                                  const PageState& s,
                                  std::uint64_t first);

/// The opaque cursor of the next page; it must differ from the current one, for the same reason.
Result<std::string> next_token(config::PlatformId platform, const PageState& s);

using requests::RequestSpec;

Result<RequestSpec> weibo_page(const config::PlatformConfig& c, const PageState& s);
Result<RequestSpec> xiaohongshu_page(const config::PlatformConfig& c, const PageState& s);
Result<RequestSpec> douyin_page(const config::PlatformConfig& c, const PageState& s);
Result<RequestSpec> dianping_page(const config::PlatformConfig& c, const PageState& s);

/// PlatformClient::detail() per platform; `signed_ok` = a signer is configured.
std::optional<RequestSpec> weibo_detail(const config::PlatformConfig& c,
                                        const parsers::ParsedItem& item);
std::optional<RequestSpec> xiaohongshu_detail(const config::PlatformConfig& c,
                                              const parsers::ParsedItem& item,
                                              bool signed_ok);
std::optional<RequestSpec> douyin_detail(const config::PlatformConfig& c,
                                         const parsers::ParsedItem& item,
                                         bool signed_ok);

/// PlatformClient::author() per platform (both user APIs are signed: REQUIRES a signer).
std::optional<RequestSpec> xiaohongshu_author(const config::PlatformConfig& c,
                                              const model::Mention& mention);
std::optional<RequestSpec> douyin_author(const config::PlatformConfig& c,
                                         const model::Mention& mention);

}  // namespace koubei::clients::detail
