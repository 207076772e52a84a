target_sources(koubei_parsers PRIVATE
  douyin/author.cpp
  douyin/aweme.cpp
  douyin/comments_api.cpp
  douyin/detail_api.cpp
  douyin/envelope.cpp
  douyin/fields.cpp
  douyin/parse.cpp
  douyin/search_api.cpp
  douyin/user_api.cpp
  douyin/video_html.cpp
)
