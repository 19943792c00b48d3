#include "sejour61/simulate.hpp"

#include "sejour61/errors.hpp"

#include <atomic>
#include <thread>

namespace sejour61 {

namespace {

void evaluate(SimRow& r, const Case& c, const Selection& sel, const Date& on) {
    thread_local Outcome o;  // reused: the replay allocates nothing once warm
    ReplayOptions lean;
    lean.trace = false;
    lean.obligations = false;  // no column reports deadlines
    replay_into(o, c, sel, on, lean);
    const Period* cur = o.current();
    r.state = Id::literal(state_name(o.state()));
    r.closure_reason = o.closure_reason.value_or(Id());
    r.document = cur ? cur->document : "";
    r.document_until = cur && !cur->document.empty() ? cur->doc_end : std::nullopt;
    r.figures = figures(o);
    r.warnings = static_cast<int>(o.warnings.size());
}

}  // namespace

std::vector<SimRow> simulate(const std::vector<std::string>& cases, const std::shared_ptr<const RuleBook>& book,
                             const std::vector<RuleSetSpec>& specs, const Date& on, unsigned threads,
                             const std::atomic<bool>* cancel) {
    std::vector<Selection> sels;
    sels.reserve(specs.size());
    for (const auto& s : specs) sels.emplace_back(book, s.pinned, s.reforms);
    std::vector<SimRow> rows(cases.size() * specs.size());
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    threads = std::min<unsigned>(threads, static_cast<unsigned>(std::max<size_t>(1, cases.size() / 64 + 1)));
    std::atomic<size_t> next{0};
    const size_t chunk = 256;
    auto work = [&]() {
        while (true) {
            if (cancel && cancel->load(std::memory_order_relaxed)) return;
            size_t begin = next.fetch_add(chunk);
            if (begin >= cases.size()) return;
            size_t end = std::min(cases.size(), begin + chunk);
            for (size_t i = begin; i < end; ++i) {
                std::optional<Case> c;
                Classified error;
                try {
                    c = parse_case(cases[i]);
                } catch (...) {
                    error = classify(std::current_exception());
                }
                for (size_t j = 0; j < sels.size(); ++j) {
                    SimRow& r = rows[i * sels.size() + j];
                    if (c) {
                        r.case_id = c->id;
                        try {
                            evaluate(r, *c, sels[j], on);
                            continue;
                        } catch (...) {
                            error = classify(std::current_exception());
                        }
                    }
                    r.error = error.message;
                    r.error_code = error_info(error.kind).code;
                    r.error_path = error.path;
                }
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    return rows;
}

}  // namespace sejour61
