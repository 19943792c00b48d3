// Which JSON reader for case files (issue 10): the text of every corpus case
// read, with every value touched, by (1) the flat scanner of parse_case's fast
// road, (2) simdjson On-Demand (Debian's libsimdjson-dev), (3) nlohmann's SAX
// into a DOM (parse_json_strict, the full road). Only the reading: no
// validation, no case built. Built when simdjson is installed.
#include "../src/flat_json.hpp"
#include "sejour61/json_parse.hpp"

#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace {

const std::vector<std::string>& lines() {
    static const std::vector<std::string> all = [] {
        std::vector<std::string> v;
        const char* path = std::getenv("SEJOUR61_BENCH_CORPUS");
        std::ifstream in(path ? path : "build/bench/corpus.jsonl");
        for (std::string line; std::getline(in, line);)
            if (!line.empty()) v.push_back(line);
        return v;
    }();
    return all;
}

void BM_ReadFlat(benchmark::State& state) {
    const auto& v = lines();
    if (v.empty()) return state.SkipWithError("no corpus: run bench/run first");
    sejour61::flat::Document doc;
    size_t i = 0, bytes = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(doc.scan(v[i]));
        bytes += v[i].size();
        if (++i == v.size()) i = 0;
    }
    state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_ReadFlat);

// Every value visited, as a validator would.
size_t visit(simdjson::ondemand::value v) {
    size_t n = 1;
    switch (v.type()) {
        case simdjson::ondemand::json_type::object:
            for (auto field : v.get_object()) {
                n += field.unescaped_key().value().size();
                n += visit(field.value());
            }
            break;
        case simdjson::ondemand::json_type::array:
            for (auto item : v.get_array()) n += visit(item.value());
            break;
        case simdjson::ondemand::json_type::string: n += v.get_string().value().size(); break;
        case simdjson::ondemand::json_type::number: n += static_cast<size_t>(v.get_int64().value()); break;
        case simdjson::ondemand::json_type::boolean: n += v.get_bool().value(); break;
        case simdjson::ondemand::json_type::null: break;
    }
    return n;
}

void BM_ReadSimdjsonOnDemand(benchmark::State& state) {
    const auto& v = lines();
    if (v.empty()) return state.SkipWithError("no corpus: run bench/run first");
    std::vector<simdjson::padded_string> padded(v.begin(), v.end());  // padding made before the timing
    simdjson::ondemand::parser parser;
    size_t i = 0, bytes = 0;
    for (auto _ : state) {
        auto doc = parser.iterate(padded[i]);
        benchmark::DoNotOptimize(visit(doc.get_value().value()));
        bytes += v[i].size();
        if (++i == v.size()) i = 0;
    }
    state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_ReadSimdjsonOnDemand);

void BM_ReadNlohmannSaxDom(benchmark::State& state) {
    const auto& v = lines();
    if (v.empty()) return state.SkipWithError("no corpus: run bench/run first");
    size_t i = 0, bytes = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(sejour61::parse_json_strict(v[i]));
        bytes += v[i].size();
        if (++i == v.size()) i = 0;
    }
    state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_ReadNlohmannSaxDom);

}  // namespace

BENCHMARK_MAIN();
