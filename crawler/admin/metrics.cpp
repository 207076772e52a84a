#include "crawler/admin/metrics.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <utility>

namespace koubei::admin {

struct Registry::Series {
  std::string label_text;  // rendered once: `a="x",b="y"`
  std::unique_ptr<Counter> counter;
  std::unique_ptr<Gauge> gauge;
  std::unique_ptr<Histogram> histogram;
  std::function<double()> read;  // the _fn forms
};

struct Registry::Family {
  MetricType type;
  std::string help;
  std::vector<double> bounds;                           // histograms only
  std::map<Labels, std::unique_ptr<Series>> by_labels;  // GUARDED_BY(Registry::mutex_)
};

namespace {

std::string_view type_name(MetricType t) {
  switch (t) {
    case MetricType::kCounter:
      return "counter";
    case MetricType::kGauge:
      return "gauge";
    case MetricType::kHistogram:
      return "histogram";
  }
  return "untyped";
}

[[noreturn]] void refuse(std::string_view name, const std::string& why) {
  throw std::invalid_argument("metric " + std::string(name) + ": " + why);
}

// Sorted by name, every name valid and unique; histograms may not use `le`.
Labels canonical(std::string_view metric, Labels labels, MetricType type) {
  std::sort(labels.begin(), labels.end());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const std::string& label = labels[i].first;
    if (!exposition::valid_label_name(label)) refuse(metric, "bad label name \"" + label + "\"");
    if (i > 0 && labels[i - 1].first == label) refuse(metric, "label \"" + label + "\" twice");
    if (type == MetricType::kHistogram && label == "le") refuse(metric, "label \"le\" is reserved");
  }
  return labels;
}

void append_sample(std::string& out,
                   std::string_view name,
                   std::string_view suffix,
                   const std::string& labels,
                   std::string_view extra_label) {
  out += name;
  out += suffix;
  if (!labels.empty() || !extra_label.empty()) {
    out += '{';
    out += labels;
    if (!labels.empty() && !extra_label.empty()) out += ',';
    out += extra_label;
    out += '}';
  }
  out += ' ';
}

void append_histogram(std::string& out,
                      std::string_view name,
                      const std::string& labels,
                      const HistogramSnapshot& s) {
  for (std::size_t i = 0; i <= s.bounds.size(); ++i) {
    std::string le = "le=\"";
    if (i < s.bounds.size()) {
      exposition::append_value(le, s.bounds[i]);
    } else {
      le += "+Inf";
    }
    le += '"';
    append_sample(out, name, "_bucket", labels, le);
    exposition::append_value(out, s.cumulative[i]);
    out += '\n';
  }
  append_sample(out, name, "_sum", labels, {});
  exposition::append_value(out, s.sum);
  out += '\n';
  append_sample(out, name, "_count", labels, {});
  exposition::append_value(out, s.count());
  out += '\n';
}

}  // namespace

Registry::Registry() = default;
Registry::~Registry() = default;

Registry::Series& Registry::series(std::string_view name,
                                   std::string_view help,
                                   MetricType type,
                                   const std::vector<double>& bounds,
                                   Labels labels,
                                   std::function<double()> read) {
  if (!exposition::valid_metric_name(name)) refuse(name, "bad metric name");
  // Bad bounds throw here, before a family is created.
  if (type == MetricType::kHistogram) static_cast<void>(Histogram{bounds});
  labels = canonical(name, std::move(labels), type);
  const bool callback = static_cast<bool>(read);
  const std::lock_guard lock(mutex_);
  auto it = families_.find(name);
  if (it == families_.end()) {
    if (const auto clash = clashing_name(name, type)) {
      refuse(name, "its samples would share names with the histogram " + *clash);
    }
    auto family = std::make_unique<Family>();
    family->type = type;
    family->help = std::string(help);
    family->bounds = bounds;
    it = families_.emplace(std::string(name), std::move(family)).first;
  }
  const Family& family = *it->second;
  if (family.type != type) {
    refuse(name, "already registered as a " + std::string(type_name(family.type)));
  }
  if (family.help != help) refuse(name, "already registered with another HELP text");
  if (family.bounds != bounds) refuse(name, "already registered with other buckets");
  auto [at, inserted] = it->second->by_labels.try_emplace(std::move(labels));
  if (!inserted) {
    if (callback || at->second->read) {
      refuse(name, "series {" + at->second->label_text + "} registered twice with a callback");
    }
    return *at->second;
  }
  // Complete before it is published: render() reads series without the lock.
  auto s = std::make_unique<Series>();
  s->label_text = exposition::label_text(at->first);
  if (callback) {
    s->read = std::move(read);
  } else if (type == MetricType::kCounter) {
    s->counter = std::make_unique<Counter>();
  } else if (type == MetricType::kGauge) {
    s->gauge = std::make_unique<Gauge>();
  } else {
    s->histogram = std::make_unique<Histogram>(bounds);
  }
  at->second = std::move(s);
  return *at->second;
}

// A histogram `h` writes samples h_bucket, h_sum and h_count: no other family may use those names
// (nor may a histogram be named so that its samples hit an existing family).
std::optional<std::string> Registry::clashing_name(std::string_view name, MetricType type) const {
  static constexpr std::string_view kSuffixes[] = {"_bucket", "_sum", "_count"};
  for (const std::string_view suffix : kSuffixes) {
    if (type == MetricType::kHistogram) {
      const std::string sample = std::string(name) + std::string(suffix);
      if (families_.contains(sample)) return sample;
    } else if (name.ends_with(suffix)) {
      const auto base = families_.find(name.substr(0, name.size() - suffix.size()));
      if (base != families_.end() && base->second->type == MetricType::kHistogram) {
        return base->first;
      }
    }
  }
  return std::nullopt;
}

Counter& Registry::counter(std::string_view name, std::string_view help, Labels labels) {
  return *series(name, help, MetricType::kCounter, {}, std::move(labels), {}).counter;
}

Gauge& Registry::gauge(std::string_view name, std::string_view help, Labels labels) {
  return *series(name, help, MetricType::kGauge, {}, std::move(labels), {}).gauge;
}

Histogram& Registry::histogram(std::string_view name,
                               std::string_view help,
                               const std::vector<double>& bounds,
                               Labels labels) {
  return *series(name, help, MetricType::kHistogram, bounds, std::move(labels), {}).histogram;
}

void Registry::gauge_fn(std::string_view name,
                        std::string_view help,
                        Labels labels,
                        std::function<double()> read) {
  if (!read) refuse(name, "empty callback");
  series(name, help, MetricType::kGauge, {}, std::move(labels), std::move(read));
}

void Registry::counter_fn(std::string_view name,
                          std::string_view help,
                          Labels labels,
                          std::function<double()> read) {
  if (!read) refuse(name, "empty callback");
  series(name, help, MetricType::kCounter, {}, std::move(labels), std::move(read));
}

std::string Registry::render() const {
  struct FamilyView {
    const std::string* name;
    const Family* family;
    std::vector<const Series*> series;
  };

  std::vector<FamilyView> views;
  {
    // Families and series are never removed and their fields never change after registration,
    // so pointers copied under the lock stay valid and readable without it.
    const std::lock_guard lock(mutex_);
    views.reserve(families_.size());
    for (const auto& [name, family] : families_) {
      FamilyView& v = views.emplace_back(FamilyView{&name, family.get(), {}});
      v.series.reserve(family->by_labels.size());
      for (const auto& [labels, s] : family->by_labels)
        v.series.push_back(s.get());
    }
  }
  std::string out;
  for (const FamilyView& v : views) {
    out += "# HELP ";
    out += *v.name;
    out += ' ';
    exposition::append_help(out, v.family->help);
    out += "\n# TYPE ";
    out += *v.name;
    out += ' ';
    out += type_name(v.family->type);
    out += '\n';
    for (const Series* s : v.series) {
      if (s->histogram) {
        append_histogram(out, *v.name, s->label_text, s->histogram->snapshot());
        continue;
      }
      append_sample(out, *v.name, {}, s->label_text, {});
      if (s->counter) {
        exposition::append_value(out, s->counter->value());
      } else if (s->gauge) {
        exposition::append_value(out, s->gauge->value());
      } else {
        exposition::append_value(out, s->read());
      }
      out += '\n';
    }
  }
  return out;
}

}  // namespace koubei::admin
