#!/usr/bin/python3
"""The Python peer of koubei's parsers, for bench/parse_bench: the same extraction, written the way
a Scrapy/MediaCrawler user would (json + lxml from Debian, regular expressions for embedded JSON).

usage: parse_peer.py PAGE_TYPE MILLIS FILE...
Parses every FILE repeatedly for at least MILLIS ms and prints "MB/s items/s" on one line.
Each extractor yields dicts with the fields koubei's record carries (id, url, text, time, counts,
author, ip location, media, tags), converting display counts ("1.2万") and times as koubei does.
"""
import json
import re
import sys
import time
import urllib.parse
from datetime import datetime, timedelta, timezone

from lxml import html as lxml_html

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 22, 10, 0, tzinfo=CST)
TAG_RE = re.compile(r"<[^>]+>")
IMG_ALT_RE = re.compile(r'<img[^>]*alt="?([^" >]*)"?[^>]*>')
TOPIC_RE = re.compile(r"#([^#\n]{1,64})#")
COUNT_RE = re.compile(r"([\d.,]+)\s*(万|亿|w|W|k|K)?(\+)?")


def count(v):
    if v is None:
        return None
    if isinstance(v, int):
        return v
    m = COUNT_RE.search(str(v))
    if not m:
        return None
    n = float(m.group(1).replace(",", ""))
    unit = {"万": 1e4, "w": 1e4, "W": 1e4, "亿": 1e8, "k": 1e3, "K": 1e3}.get(m.group(2), 1)
    return int(round(n * unit))


def when(v):
    if v is None:
        return None
    if isinstance(v, (int, float)):
        return datetime.fromtimestamp(v / 1000 if v > 1e11 else v, timezone.utc)
    s = str(v).strip()
    try:
        return datetime.strptime(s, "%a %b %d %H:%M:%S %z %Y")
    except ValueError:
        pass
    if s == "刚刚":
        return NOW
    for suffix, unit in (("秒前", "seconds"), ("分钟前", "minutes"), ("小时前", "hours"), ("天前", "days")):
        if s.endswith(suffix):
            return NOW - timedelta(**{unit: int(s[: -len(suffix)])})
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y年%m月%d日 %H:%M", "%m月%d日 %H:%M", "%m-%d"):
        try:
            t = datetime.strptime(s.replace("今天 ", NOW.strftime("%Y-%m-%d ")), fmt)
            if t.year == 1900:
                t = t.replace(year=NOW.year)
            return t.replace(tzinfo=CST)
        except ValueError:
            continue
    return None


def ip(v):
    if not v:
        return None
    for p in ("发布于", "来自", "IP属地：", "IP属地:"):
        v = v.replace(p, "")
    return v.strip() or None


def html_text(s):
    s = IMG_ALT_RE.sub(r"\1", s or "")
    s = s.replace("<br />", "\n").replace("<br/>", "\n").replace("<br>", "\n")
    return re.sub(r"[ \t]+", " ", TAG_RE.sub("", s)).strip()


def mblog(m):
    text = html_text(m.get("text"))
    user = m.get("user") or {}
    return {"id": "weibo:post:%s" % m.get("mid"), "text": text, "tags": TOPIC_RE.findall(text),
            "created_at": when(m.get("created_at")), "likes": count(m.get("attitudes_count")),
            "comments": count(m.get("comments_count")), "shares": count(m.get("reposts_count")),
            "ip": ip(m.get("region_name")), "author": user.get("id"), "followers": count(user.get("followers_count")),
            "media": [p.get("large", {}).get("url") or p.get("url") for p in m.get("pics") or []]}


def weibo_cards(doc):
    for card in (doc.get("data") or {}).get("cards") or []:
        for c in [card] + (card.get("card_group") or []):
            if c.get("card_type") == 9 and c.get("mblog"):
                yield mblog(c["mblog"])


def weibo_comments(doc):
    for c in (doc.get("data") or {}).get("data") or []:
        for x in [c] + (c.get("comments") or []):
            yield {"id": "weibo:comment:%s" % x.get("id"), "text": html_text(x.get("text")),
                   "created_at": when(x.get("created_at")), "likes": count(x.get("like_count")),
                   "ip": ip(x.get("source")), "author": (x.get("user") or {}).get("id")}


def weibo_detail(body):
    m = re.search(r"var \$render_data = (\[.*?\])\[0\]", body, re.S)
    for item in json.loads(m.group(1)) if m else []:
        yield mblog(item.get("status") or {})


def weibo_search_html(body):
    tree = lxml_html.fromstring(body)
    for card in tree.xpath("//div[@class='card-wrap'][@mid]"):
        txt = card.xpath('.//p[@node-type="feed_list_content_full"]') or card.xpath('.//p[@class="txt"]')
        text = txt[0].text_content().strip() if txt else ""
        t = card.xpath('.//div[@class="from"]/a[1]/text()')
        counts = [count(a.text_content()) for a in card.xpath('.//div[@class="card-act"]//a')]
        yield {"id": "weibo:post:%s" % card.get("mid"), "text": text, "tags": TOPIC_RE.findall(text),
               "created_at": when(t[0].strip()) if t else None, "counts": counts,
               "author": card.xpath('.//a[@class="name"]/@href'),
               "media": card.xpath('.//div[contains(@class,"media-piclist")]//img/@src')}


def note(n, camel=False):
    k = (lambda s: re.sub(r"_(\w)", lambda m: m.group(1).upper(), s)) if camel else (lambda s: s)
    ii = n.get(k("interact_info")) or {}
    user = n.get("user") or {}
    return {"id": "xiaohongshu:note:%s" % (n.get(k("note_id")) or n.get("id")), "title": n.get("title") or n.get(k("display_title")),
            "text": n.get("desc") or "", "created_at": when(n.get("time")), "likes": count(ii.get(k("liked_count"))),
            "collects": count(ii.get(k("collected_count"))), "comments": count(ii.get(k("comment_count"))),
            "shares": count(ii.get(k("share_count"))), "ip": ip(n.get(k("ip_location"))),
            "author": user.get(k("user_id")), "tags": [t.get("name") for t in n.get(k("tag_list")) or []],
            "media": [i.get(k("url_default")) for i in n.get(k("image_list")) or []]}


def xhs_search(doc):
    for item in (doc.get("data") or {}).get("items") or []:
        if item.get("model_type") == "note":
            yield note(dict(item.get("note_card") or {}, note_id=item.get("id")))


def xhs_feed(doc):
    for item in (doc.get("data") or {}).get("items") or []:
        yield note(item.get("note_card") or {})


def xhs_note_html(body):
    m = re.search(r"window.__INITIAL_STATE__=({.*})</script>", body, re.S)
    state = json.loads(re.sub(r"\bundefined\b", "null", m.group(1))) if m else {}
    for entry in ((state.get("note") or {}).get("noteDetailMap") or {}).values():
        yield note(entry.get("note") or {}, camel=True)


def xhs_comments(doc):
    for c in (doc.get("data") or {}).get("comments") or []:
        for x in [c] + (c.get("sub_comments") or []):
            yield {"id": "xiaohongshu:comment:%s" % x.get("id"), "text": x.get("content"),
                   "created_at": when(x.get("create_time")), "likes": count(x.get("like_count")),
                   "ip": ip(x.get("ip_location")), "author": (x.get("user_info") or {}).get("user_id")}


def xhs_user(doc):
    data = doc.get("data") or {}
    fans = [i.get("count") for i in data.get("interactions") or [] if i.get("type") == "fans"]
    yield {"followers": count(fans[0]) if fans else None, "ip": ip((data.get("basic_info") or {}).get("ip_location"))}


def aweme(a, camel=False):
    k = (lambda s: re.sub(r"_(\w)", lambda m: m.group(1).upper(), s)) if camel else (lambda s: s)
    st = a.get("stats" if camel else "statistics") or {}
    author = a.get("authorInfo" if camel else "author") or {}
    return {"id": "douyin:video:%s" % a.get(k("aweme_id")), "text": a.get("desc"), "created_at": when(a.get(k("create_time"))),
            "likes": st.get(k("digg_count")), "comments": st.get(k("comment_count")), "shares": st.get(k("share_count")),
            "collects": st.get(k("collect_count")), "ip": ip(a.get(k("ip_label"))), "author": author.get(k("sec_uid")),
            "tags": [t.get(k("hashtag_name")) for t in a.get(k("text_extra")) or [] if t.get(k("hashtag_name"))]}


def douyin_search(doc):
    for d in doc.get("data") or []:
        found = [d.get("aweme_info")] + ((d.get("aweme_mix_info") or {}).get("mix_items") or [])
        found += ((d.get("card_info") or {}).get("attached_info") or {}).get("aweme_list") or []
        for u in d.get("user_list") or []:
            found += u.get("items") or []
        for a in found:
            if a:
                yield aweme(a)


def douyin_detail(doc):
    if doc.get("aweme_detail"):
        yield aweme(doc["aweme_detail"])


def douyin_comments(doc):
    for c in doc.get("comments") or []:
        yield {"id": "douyin:comment:%s" % c.get("cid"), "text": c.get("text"), "created_at": when(c.get("create_time")),
               "likes": c.get("digg_count"), "ip": ip(c.get("ip_label")), "author": (c.get("user") or {}).get("sec_uid")}


def douyin_video_html(body):
    m = re.search(r'<script id="RENDER_DATA" type="application/json">(.*?)</script>', body, re.S)
    data = json.loads(urllib.parse.unquote(m.group(1))) if m else {}
    for v in data.values():
        if isinstance(v, dict) and isinstance(v.get("aweme"), dict) and v["aweme"].get("detail"):
            yield aweme(v["aweme"]["detail"], camel=True)


def douyin_user(doc):
    u = doc.get("user") or {}
    yield {"followers": u.get("follower_count"), "ip": ip(u.get("ip_location"))}


def dianping_reviews(body):
    tree = lxml_html.fromstring(body)
    shop = tree.xpath('//*[contains(@class,"shop-name")]')
    for li in tree.xpath('//div[contains(@class,"main-review")]'):
        words = li.xpath('.//div[contains(@class,"review-words") and contains(@class,"Hide")]') or \
            li.xpath('.//div[contains(@class,"review-words")]')
        stars = li.xpath('.//span[contains(@class,"sml-rank-stars")]/@class')
        rating = re.search(r"sml-str(\d+)", stars[0]) if stars else None
        ids = li.xpath('.//*[contains(@class,"actions")]//a/@data-id')
        t = li.xpath('.//span[@class="time"]/text()')
        yield {"id": "dianping:review:%s" % (ids[0] if ids else None),
               "text": words[0].text_content().replace("收起评价", "").strip() if words else "",
               "rating": int(rating.group(1)) / 10 if rating else None,
               "created_at": when(t[0].strip()) if t else None,
               "author": li.xpath('.//a[contains(@class,"name")]/@href'),
               "title": shop[0].text_content().strip() if shop else None,
               "media": li.xpath('.//div[contains(@class,"review-pictures")]//a/@href')}


JSON_TYPES = {
    "weibo.search_api": weibo_cards, "weibo.timeline_api": weibo_cards, "weibo.comments_api": weibo_comments,
    "xiaohongshu.search_api": xhs_search, "xiaohongshu.feed_api": xhs_feed,
    "xiaohongshu.comments_api": xhs_comments, "xiaohongshu.user_api": xhs_user,
    "douyin.search_api": douyin_search, "douyin.detail_api": douyin_detail,
    "douyin.comments_api": douyin_comments, "douyin.user_api": douyin_user,
}
TEXT_TYPES = {
    "weibo.search_html": weibo_search_html, "weibo.detail_html": weibo_detail,
    "xiaohongshu.note_html": xhs_note_html, "douyin.video_html": douyin_video_html,
    "dianping.reviews_html": dianping_reviews,
}


def main(argv):
    page_type, millis, files = argv[1], int(argv[2]), argv[3:]
    bodies = [open(f, "rb").read() for f in files]
    if page_type in JSON_TYPES:
        extract = lambda b: list(JSON_TYPES[page_type](json.loads(b)))
    else:
        extract = lambda b: list(TEXT_TYPES[page_type](b.decode("utf-8", "replace")))
    total_bytes = items = 0
    start = time.perf_counter()
    while True:
        for b in bodies:
            items += len(extract(b))
            total_bytes += len(b)
        elapsed = time.perf_counter() - start
        if elapsed * 1000 >= millis:
            break
    print("%.3f %.1f" % (total_bytes / elapsed / 1e6, items / elapsed))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
