// Benchmarks (Google Benchmark). Run: bench/run (makes the corpus, then runs these).
//
// The figures that count are the Corpus* ones: each iteration takes the next
// case of a seeded corpus of mixed synthetic cases (bench/make_corpus.py,
// 100 000 cases, SEJOUR61_BENCH_CORPUS), so the time per iteration is the
// time per case over the whole corpus and "items" are the cases' own events.
// The 12-event case in a loop (the *12 ones) is kept for comparison only.
#include "sejour61/api.hpp"
#include "sejour61/case.hpp"
#include "sejour61/engine.hpp"
#include "sejour61/rules.hpp"
#include "sejour61/simulate.hpp"
#include "sejour61/views.hpp"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <new>

using namespace sejour61;

// Every allocation through operator new is counted, so the per-phase
// benchmarks report allocations per case (issue 10: a lean replay that
// allocates nothing per case).
static std::atomic<long> g_allocations{0};
void* operator new(std::size_t size) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(size ? size : 1)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

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

// ---- the corpus ----

struct Corpus {
    std::vector<std::string> texts;
    std::vector<Case> cases;
    std::vector<size_t> events;  // per case
    std::string error;
};

const Corpus& corpus() {
    static const Corpus c = [] {
        Corpus k;
        const char* path = std::getenv("SEJOUR61_BENCH_CORPUS");
        std::ifstream in(path ? path : "build/bench/corpus.jsonl");
        if (!in) {
            k.error = "no corpus: run bench/run, or set SEJOUR61_BENCH_CORPUS to a JSON Lines file of cases";
            return k;
        }
        for (std::string line; std::getline(in, line);) {
            if (line.empty()) continue;
            k.cases.push_back(parse_case(line));
            k.events.push_back(k.cases.back().events.size());
            k.texts.push_back(std::move(line));
        }
        if (k.texts.empty()) k.error = "the corpus is empty";
        return k;
    }();
    return c;
}

const Date kOn = *parse_date("2030-12-31");

// Text → validated case, case after case.
void BM_CorpusParse(benchmark::State& state) {
    const Corpus& k = corpus();
    if (!k.error.empty()) return state.SkipWithError(k.error.c_str());
    size_t i = 0, events = 0;
    const long before = g_allocations.load();
    for (auto _ : state) {
        benchmark::DoNotOptimize(parse_case(k.texts[i]));
        events += k.events[i];
        if (++i == k.texts.size()) i = 0;
    }
    state.SetItemsProcessed(static_cast<int64_t>(events));
    state.counters["allocs_per_case"] =
        benchmark::Counter(static_cast<double>(g_allocations.load() - before), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_CorpusParse);

// The replay as simulate runs it: no trace, no deadlines, one outcome reused
// (replay_into), rule set of each date. allocs_per_case is 0 once warm.
void BM_CorpusReplayLean(benchmark::State& state) {
    const Corpus& k = corpus();
    if (!k.error.empty()) return state.SkipWithError(k.error.c_str());
    Selection sel(book(), std::nullopt, {});
    ReplayOptions lean;
    lean.trace = false;
    lean.obligations = false;
    Outcome out;
    for (size_t i = 0; i < 1000 && i < k.cases.size(); ++i) replay_into(out, k.cases[i], sel, kOn, lean);  // warm
    size_t i = 0, events = 0;
    const long before = g_allocations.load();
    for (auto _ : state) {
        replay_into(out, k.cases[i], sel, kOn, lean);
        benchmark::DoNotOptimize(out);
        events += k.events[i];
        if (++i == k.cases.size()) i = 0;
    }
    state.SetItemsProcessed(static_cast<int64_t>(events));
    state.counters["allocs_per_case"] =
        benchmark::Counter(static_cast<double>(g_allocations.load() - before), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_CorpusReplayLean);

// The replay as status and timeline run it: no trace, with the deadlines and
// the ambiguity alarm, a new outcome per case (replay).
void BM_CorpusReplayStatus(benchmark::State& state) {
    const Corpus& k = corpus();
    if (!k.error.empty()) return state.SkipWithError(k.error.c_str());
    Selection sel(book(), std::nullopt, {});
    size_t i = 0, events = 0;
    const long before = g_allocations.load();
    for (auto _ : state) {
        benchmark::DoNotOptimize(replay(k.cases[i], sel, kOn, ReplayOptions{false}));
        events += k.events[i];
        if (++i == k.cases.size()) i = 0;
    }
    state.SetItemsProcessed(static_cast<int64_t>(events));
    state.counters["allocs_per_case"] =
        benchmark::Counter(static_cast<double>(g_allocations.load() - before), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_CorpusReplayStatus);

// The replay with its trace (explain, report).
void BM_CorpusReplayTraced(benchmark::State& state) {
    const Corpus& k = corpus();
    if (!k.error.empty()) return state.SkipWithError(k.error.c_str());
    Selection sel(book(), std::nullopt, {});
    size_t i = 0, events = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(replay(k.cases[i], sel, kOn, ReplayOptions{true}));
        events += k.events[i];
        if (++i == k.cases.size()) i = 0;
    }
    state.SetItemsProcessed(static_cast<int64_t>(events));
}
BENCHMARK(BM_CorpusReplayTraced);

// Writing sejour61.status/1 from an outcome: the outcomes of the corpus's
// first 10 000 cases are computed once, before the timing, then written in turn.
const std::vector<Outcome>& outcomes() {
    static const std::vector<Outcome> all = [] {
        std::vector<Outcome> v;
        const Corpus& k = corpus();
        Selection sel(book(), std::nullopt, {});
        for (size_t i = 0; i < std::min<size_t>(10000, k.cases.size()); ++i)
            v.push_back(replay(k.cases[i], sel, kOn, ReplayOptions{false}));
        return v;
    }();
    return all;
}

template <bool Dom>
void write_status(benchmark::State& state) {
    const Corpus& k = corpus();
    if (!k.error.empty()) return state.SkipWithError(k.error.c_str());
    const std::vector<Outcome>& batch = outcomes();
    size_t at = 0, bytes = 0;
    for (auto _ : state) {
        std::string doc = Dom ? dump_doc(status_json(batch[at], *book())) : status_document(batch[at], *book());
        bytes += doc.size();
        benchmark::DoNotOptimize(doc);
        if (++at == batch.size()) at = 0;
    }
    state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

void BM_CorpusWriteStatus(benchmark::State& state) { write_status<false>(state); }  // the direct writer
BENCHMARK(BM_CorpusWriteStatus);
void BM_CorpusWriteStatusDom(benchmark::State& state) { write_status<true>(state); }  // through the DOM, as before
BENCHMARK(BM_CorpusWriteStatusDom);

// End to end, as every face does it: JSON text → status JSON text (api.hpp).
void BM_CorpusStatusEndToEnd(benchmark::State& state) {
    const Corpus& k = corpus();
    if (!k.error.empty()) return state.SkipWithError(k.error.c_str());
    Selection sel(book(), std::nullopt, {});
    Request r;
    r.command = "status";
    r.on = kOn;
    size_t i = 0, events = 0;
    for (auto _ : state) {
        r.case_text = k.texts[i];
        benchmark::DoNotOptimize(answer(book(), r, Form::json, &sel));
        events += k.events[i];
        if (++i == k.texts.size()) i = 0;
    }
    state.SetItemsProcessed(static_cast<int64_t>(events));
}
BENCHMARK(BM_CorpusStatusEndToEnd);

// The whole corpus under three rule sets on every core (what Rules.simulate runs).
void BM_CorpusSimulate3(benchmark::State& state) {
    const Corpus& k = corpus();
    if (!k.error.empty()) return state.SkipWithError(k.error.c_str());
    std::vector<RuleSetSpec> specs = {parse_rule_set_spec("in-force"), parse_rule_set_spec("be-2007"),
                                      parse_rule_set_spec("in-force+mena-unconditional")};
    for (auto _ : state) benchmark::DoNotOptimize(simulate(k.texts, book(), specs, kOn, 0));
    state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(k.texts.size() * 3));
}
BENCHMARK(BM_CorpusSimulate3)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// One case of n events (indications, centre contact, cooperation, then
// prosecutor's opinions day after day): parsing must stay linear.
std::string long_case(int n) {
    std::string s = R"({"format":"sejour61.case/1","id":"LONG","person":{"birth_date":"1990-01-01","nationality":"NG"},)"
                    R"("offence":{"type":"trafficking"},"events":[)"
                    R"({"date":"2000-01-01","type":"indications","by":"police"},)"
                    R"({"date":"2000-01-02","type":"centre_contact","centre":"x"},)"
                    R"({"date":"2000-01-03","type":"cooperation","form":"complaint"})";
    Date d = *parse_date("2000-01-04");
    for (int i = 3; i < n; ++i, d += boost::gregorian::days(1))
        s += R"(,{"date":")" + format_date(d) +
             R"(","type":"prosecutor_opinion","by":"prosecutor","victim":true,"proceedings_ongoing":true,"cooperating":true})";
    return s + "]}";
}

void BM_ParseLongCase(benchmark::State& state) {
    const std::string text = long_case(static_cast<int>(state.range(0)));
    for (auto _ : state) benchmark::DoNotOptimize(parse_case(text));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ParseLongCase)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
