#include "periods.hpp"

namespace sejour61::procedure {

namespace bg = boost::gregorian;

void PeriodBook::open(Period p) {
    if (!periods_.empty()) {
        Period& cur = periods_.back();
        if (cur.from >= p.from) {
            periods_.pop_back();  // entered and left on the same day: not listed
        } else {
            cur.until = p.from - bg::days(1);
        }
    }
    periods_.push_back(std::move(p));
}

Period PeriodBook::bare(State s, const Date& from, Id rule) {
    Period p;
    p.state = s;
    p.from = from;
    p.rule = rule;
    return p;
}

Period PeriodBook::document(State s, const std::string& doc, const Date& from, const Date& end, const RuleSet& rs,
                            const EndCount& count, Id rule) {
    Period p = bare(s, from, rule);
    p.document = doc;
    p.until = end;
    p.doc_end = end;
    p.regime = rs.id;
    p.count = count;
    p.first_issued = from;
    return p;
}

EndCount PeriodBook::months(const Date& act, int n, const RuleSet& rs) {
    EndCount k;
    k.kind = EndCount::months;
    k.n = n;
    k.act = act;
    k.convention = rs.p.month_convention;
    k.first_day = rs.p.first_day;
    k.unrolled = last_day(act, Months(n), k.convention, k.first_day);
    return k;
}

}  // namespace sejour61::procedure
