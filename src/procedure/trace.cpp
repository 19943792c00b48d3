#include "trace.hpp"

#include <algorithm>

namespace sejour61::procedure {

Decision& Trace::decide(const Date& d, Id rule, const char* event, std::optional<size_t> index,
                        Text message, State now) {
    if (!keep_) {
        scratch_.also.clear();
        scratch_.rule = rule;
        return scratch_;
    }
    Decision dec;
    dec.date = d;
    dec.rule = rule;
    dec.basis = basis(rule);
    dec.event = event;
    dec.event_index = index;
    dec.from_state = dec.to_state = state_name(now);
    dec.text = std::move(message);
    out_.decisions.push_back(std::move(dec));
    return out_.decisions.back();
}

void Trace::chosen(const TransitionRow& row, State to) {
    Decision& dec = current();
    dec.rule = Id::literal(row.rule);
    if (!keep_) return;
    dec.basis = basis(dec.rule);
    dec.to_state = state_name(to);
}

void Trace::read(Decision& d, const RuleSet& rs, std::initializer_list<const char*> keys) const {
    if (!keep_) return;
    for (const char* k : keys) {
        ParamRead r{k, rs.param(k), rs.id};
        auto at = std::lower_bound(d.params.begin(), d.params.end(), r.key,
                                   [](const ParamRead& a, const std::string& key) { return a.key < key; });
        if (at != d.params.end() && at->key == r.key) *at = std::move(r);
        else d.params.insert(at, std::move(r));
    }
}

}  // namespace sejour61::procedure
