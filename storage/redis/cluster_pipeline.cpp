#include "storage/redis/cluster_pipeline.hpp"

#include <algorithm>

namespace koubei::storage::redis {

std::vector<NodePipeline> split_by_node(const RedisBatch& batch,
                                        std::span<const Dispatch> dispatches) {
  std::vector<Dispatch> ordered(dispatches.begin(), dispatches.end());
  // Redirected commands come back in the order their replies were read, node after node: sorting
  // by command restores the caller's order on every node.
  std::stable_sort(ordered.begin(), ordered.end(), [](const Dispatch& a, const Dispatch& b) {
    return a.command < b.command;
  });
  std::vector<NodePipeline> pipelines;
  std::vector<std::size_t> pipeline_of_node;  // node id -> index in pipelines + 1 (0 = none yet)
  for (const Dispatch& d : ordered) {
    if (d.node >= pipeline_of_node.size()) pipeline_of_node.resize(d.node + 1, 0);
    if (pipeline_of_node[d.node] == 0) {
      pipelines.emplace_back().node = d.node;
      pipeline_of_node[d.node] = pipelines.size();
    }
    NodePipeline& p = pipelines[pipeline_of_node[d.node] - 1];
    if (d.asking) p.batch.add({"ASKING"});
    p.reply_index.push_back(p.batch.size());
    p.batch.append_command(batch, d.command);
    p.dispatches.push_back(d);
  }
  return pipelines;
}

}  // namespace koubei::storage::redis
