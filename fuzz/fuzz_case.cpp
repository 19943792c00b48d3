// libFuzzer target: a case file through parsing, replay (with and without the
// explanation trace) and every view, at dates derived from the case itself.
#include "sejour61/case.hpp"
#include "sejour61/json_parse.hpp"
#include "sejour61/compare.hpp"
#include "sejour61/engine.hpp"
#include "sejour61/views.hpp"
#include "sejour61/messages.hpp"
#include "sejour61/next.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

using namespace sejour61;

namespace {
std::shared_ptr<const RuleBook> book() {
    static auto b = RuleBook::load(SEJOUR61_FUZZ_RULES_DIR);
    return b;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    // The two roads of parse_case never disagree: the fast one reads the same
    // case as the full one, or leaves the text to it.
    std::optional<Case> fast = parse_case_fast(text);
    Case c;
    try {
        c = parse_case_full(text);
    } catch (const CaseError&) {
        if (fast) __builtin_trap();  // the fast road accepted what the full road refuses
        return 0;
    }
    if (fast && !(*fast == c)) __builtin_trap();
    static const Selection by_date(book(), std::nullopt, {});
    static const Selection pinned(book(), std::string("be-2007"), {"mena-unconditional", "diplomatic-labour-track"});
    std::vector<Date> dates = {Date(2026, 6, 1)};
    for (const auto& e : c.events) {
        dates.push_back(e.date);
        if (e.date + boost::gregorian::days(400) <= max_date()) dates.push_back(e.date + boost::gregorian::days(400));
        if (dates.size() > 8) break;
    }
    for (const Selection* sel : {&by_date, &pinned}) {
        for (const Date& on : dates) {
            try {
                Outcome o = replay(c, *sel, on, ReplayOptions{true});
                (void)status_json(o, *book()).dump();
                (void)timeline_json(o, *book()).dump();
                (void)explain_json(o, *book()).dump();
                const Messages& msg = book()->messages("fr");
                (void)status_text(o, *book(), msg);
                (void)timeline_text(o, *book(), msg);
                (void)dump_doc(next_json(o, next_steps(c, o, *sel), *book(), msg));
                (void)explain_text(o, *book(), book()->messages("nl"));
                Outcome lean = replay(c, *sel, on, ReplayOptions{false});
                if (status_json(lean, *book()).dump() != status_json(o, *book()).dump()) __builtin_trap();
            } catch (const QueryError&) {
            }
        }
    }
    try {
        (void)compare_json(c, book(), {parse_rule_set_spec("in-force"), parse_rule_set_spec("in-force+mena-unconditional")},
                           dates.back());
    } catch (const QueryError&) {
    }
    return 0;
}
