#include "sandbox/text.hpp"

#include <array>
#include <string>

namespace koubei::sandbox {
namespace {

template <std::size_t N>
std::string_view pick(Draws& d, const std::array<std::string_view, N>& a) {
  return a[d.below(N)];
}

constexpr std::array<std::string_view, 10> kPraise = {
    "物流超快，昨天下单今天就到了",
    "售后小姐姐很耐心，问题当场解决",
    "做工扎实，用了一个月没有任何毛病",
    "店员推荐得很专业，一点都不推销",
    "这个价格真的很香，性价比无敌",
    "包装很用心，拆开一点磕碰都没有",
    "客服回复秒回，换货流程很顺",
    "质量比想象中好太多，细节到位",
    "服务态度一流，下次还来",
    "活动价入手，比专柜便宜不少",
};

constexpr std::array<std::string_view, 12> kComplaint = {
    "物流慢得离谱，一周了还没发货",
    "售后踢皮球，打了五次电话没人管",
    "用了三天就坏了，质量太差",
    "店员态度很冲，问两句就不耐烦",
    "刚买就降价两百，保价也不给",
    "快递把箱子压扁了，里面东西都变形了",
    "客服只会复制粘贴，问题一直不解决",
    "做工粗糙，缝线都是歪的",
    "退款申请被驳回三次，心累",
    "说好的赠品没有，找客服也不认",
    "信号时有时无，地铁里直接断网",
    "发热严重，打两局游戏就烫手",
};

constexpr std::array<std::string_view, 6> kPraiseEmoji = {"[赞]", "[给力]", "[哈哈]",
                                                          "[爱你]", "[心]", "[good]"};
constexpr std::array<std::string_view, 6> kComplaintEmoji = {"[怒]", "[衰]", "[晕]",
                                                             "[抓狂]", "[泪]", "[doge]"};

constexpr std::array<std::string_view, 6> kCommentAgree = {
    "同款问题", "+1，我也是这样", "真的，一模一样", "楼主说得对", "已经避雷了", "蹲一个后续",
};
constexpr std::array<std::string_view, 6> kCommentPraise = {
    "我的也挺好用的", "确实不错", "被种草了", "求链接", "羡慕，我买的时候没活动", "支持一下",
};

constexpr std::array<std::string_view, 16> kNickA = {
    "爱吃辣的", "数码", "江边的", "通勤", "快乐的", "认真的", "深夜", "佛系",
    "努力的", "追光的", "资深", "不吃香菜的", "早起的", "摸鱼的", "靠谱的", "路过的"};
constexpr std::array<std::string_view, 16> kNickB = {
    "小王", "老李", "阿杰", "小鹿", "猫咪", "打工人", "吃货", "博主",
    "观察员", "小张", "学姐", "大叔", "小林", "测评君", "旅行家", "咖啡控"};

constexpr std::array<std::string_view, 20> kBrands = {
    "华为", "小米", "苹果", "蔚来", "理想", "比亚迪", "美的", "海尔", "格力", "京东",
    "淘宝", "拼多多", "瑞幸", "喜茶", "海底捞", "安踏", "李宁", "完美日记", "大疆", "OPPO"};
constexpr std::array<std::string_view, 15> kTopics = {
    "信号", "续航", "售后", "物流", "客服", "质量", "价格", "发热", "退款", "服务",
    "新品", "降价", "维修", "包装", "口味"};

}  // namespace

std::string post_text(Draws& d, std::string_view keyword, bool negative) {
  std::string out;
  const bool keyword_first = d.chance(0.6);
  if (keyword_first) {
    out += keyword;
    out += d.chance(0.5) ? "，" : " ";
  } else {
    out += negative ? "说说我的经历：" : "真心推荐：";
  }
  out += negative ? pick(d, kComplaint) : pick(d, kPraise);
  if (d.chance(0.5)) {
    out += "，";
    out += negative ? pick(d, kComplaint) : pick(d, kPraise);
  }
  if (!keyword_first) {
    out += "。#";
    out += keyword;
    out += "#";
  }
  out += negative ? pick(d, kComplaintEmoji) : pick(d, kPraiseEmoji);
  return out;
}

std::string comment_text(Draws& d, bool negative) {
  std::string out(negative ? pick(d, kCommentAgree) : pick(d, kCommentPraise));
  if (d.chance(0.4)) out += negative ? pick(d, kComplaintEmoji) : pick(d, kPraiseEmoji);
  return out;
}

std::string review_text(Draws& d, std::string_view shop, bool negative) {
  std::string out = "和朋友来";
  out += shop;
  out += "，";
  out += negative ? pick(d, kComplaint) : pick(d, kPraise);
  out += "。";
  out += negative ? "不会再来了。" : "总体很满意，推荐！";
  return out;
}

std::string nickname(Draws& d) {
  std::string out(pick(d, kNickA));
  out += pick(d, kNickB);
  if (d.chance(0.3)) out += std::to_string(1990 + d.below(36));
  return out;
}

std::string generated_keyword(std::uint64_t index) {
  std::string out(kBrands[index % kBrands.size()]);
  out += " ";
  out += kTopics[(index / kBrands.size()) % kTopics.size()];
  if (index >= kBrands.size() * kTopics.size()) out += std::to_string(index / 300);
  return out;
}

}  // namespace koubei::sandbox
