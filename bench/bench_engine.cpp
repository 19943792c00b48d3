// Benchmarks (Google Benchmark): replay throughput, status of a 12-event case,
// parsing, and batch simulation. Run: build/bench/sejour61_bench
#include "sejour61/case.hpp"
#include "sejour61/engine.hpp"
#include "sejour61/rules.hpp"
#include "sejour61/simulate.hpp"
#include "sejour61/views.hpp"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

using namespace sejour61;

namespace {

std::shared_ptr<const RuleBook> book() {
    static auto b = RuleBook::load(SEJOUR61_BENCH_RULES_DIR);
    return b;
}

// 12 events: the contract example followed by a renewal, requisitions, a
// refused decision, a final conviction and a recorded document.
const char* kCase12 = R"({
  "format": "sejour61.case/1", "id": "BENCH-12",
  "person": {"birth_date": "1999-04-02", "nationality": "NG"},
  "offence": {"type": "trafficking"},
  "events": [
    {"date": "2026-01-05", "type": "indications", "by": "police"},
    {"date": "2026-01-06", "type": "centre_contact", "centre": "pag-asa"},
    {"date": "2026-01-06", "type": "document_issued", "document": "annex15"},
    {"date": "2026-02-01", "type": "cooperation", "form": "complaint"},
    {"date": "2026-02-03", "type": "document_issued", "document": "ai", "expires": "2026-05-01"},
    {"date": "2026-03-10", "type": "identity_established"},
    {"date": "2026-04-02", "type": "prosecutor_opinion", "by": "prosecutor", "victim": true,
     "proceedings_ongoing": true, "cooperating": true},
    {"date": "2026-09-01", "type": "prosecutor_opinion", "by": "prosecutor", "victim": true,
     "proceedings_ongoing": true, "cooperating": true},
    {"date": "2026-12-01", "type": "requisitions", "teh_charge": true},
    {"date": "2027-01-10", "type": "indefinite_decision", "granted": false},
    {"date": "2027-06-01", "type": "conviction", "final": true},
    {"date": "2027-06-20", "type": "document_issued", "document": "b_card"}
  ]})";

void BM_ParseCase12(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(parse_case(kCase12));
    state.SetItemsProcessed(state.iterations() * 12);
}
BENCHMARK(BM_ParseCase12);

void BM_Replay12(benchmark::State& state) {
    Case c = parse_case(kCase12);
    Selection sel(book(), std::nullopt, {});
    Date on = *parse_date("2027-12-31");
    for (auto _ : state) benchmark::DoNotOptimize(replay(c, sel, on));
    state.SetItemsProcessed(state.iterations() * 12);  // events per second
}
BENCHMARK(BM_Replay12);

void BM_Replay12Lean(benchmark::State& state) {
    // Without the explanation trace: what status, timeline and simulate use.
    Case c = parse_case(kCase12);
    Selection sel(book(), std::nullopt, {});
    Date on = *parse_date("2027-12-31");
    for (auto _ : state) benchmark::DoNotOptimize(replay(c, sel, on, ReplayOptions{false}));
    state.SetItemsProcessed(state.iterations() * 12);
}
BENCHMARK(BM_Replay12Lean);

void BM_StatusJson12(benchmark::State& state) {
    // What `sejour61 status --json` does after reading the file.
    Selection sel(book(), std::nullopt, {});
    Date on = *parse_date("2027-12-31");
    for (auto _ : state) {
        Case c = parse_case(kCase12);
        benchmark::DoNotOptimize(status_json(replay(c, sel, on), *book()).dump(2));
    }
}
BENCHMARK(BM_StatusJson12);

void BM_Simulate(benchmark::State& state) {
    std::vector<std::string> cases(static_cast<size_t>(state.range(0)), kCase12);
    std::vector<RuleSetSpec> specs = {parse_rule_set_spec("in-force"), parse_rule_set_spec("be-2007"),
                                      parse_rule_set_spec("in-force+mena-unconditional")};
    Date on = *parse_date("2027-12-31");
    for (auto _ : state) benchmark::DoNotOptimize(simulate(cases, book(), specs, on, 0));
    state.SetItemsProcessed(state.iterations() * state.range(0) * 3);  // case × rule set per second
}
BENCHMARK(BM_Simulate)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
