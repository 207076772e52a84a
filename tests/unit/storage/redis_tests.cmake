# Redis backend of the storage component (owned by the redis work). Integration cases start a
# private redis-server on a unix socket (tests/support/redis_server.hpp).
koubei_add_test(NAME storage_redis_tests
  SRCS
    redis_batch_test.cpp
    redis_endpoint_test.cpp
    redis_connection_test.cpp
    redis_dedup_store_test.cpp
    redis_stream_sink_test.cpp
    redis_author_cache_test.cpp
    redis_checkpoint_store_test.cpp
    redis_job_leases_test.cpp
    redis_shared_budgets_test.cpp
  DEPS koubei::storage)

# Redis Cluster: slot routing, redirections and failover. Unit cases need no server; integration
# cases start a private cluster on free loopback ports (tests/support/redis_cluster.hpp).
koubei_add_test(NAME storage_redis_cluster_tests
  SRCS
    cluster_slot_test.cpp
    cluster_slot_map_test.cpp
    cluster_pipeline_test.cpp
    redis_cluster_options_test.cpp
    redis_cluster_stores_test.cpp
    redis_cluster_redirect_test.cpp
    redis_cluster_failover_test.cpp
  DEPS koubei::storage koubei_test_storage)
