// Who is covered, how the case opens, and when a minor comes of age.
#include "../replay.hpp"

#include <algorithm>

namespace sejour61 {

// @rule R-MINOR-AGE (Civil Code art. 388; majority.age, majority.feb29): a
// person is a minor on d when d is before the 18th birthday.
Date majority_date(const Date& birth, const RuleSet& rs) {
    return birthday(birth, rs.p.majority_age, rs.p.feb29_to_feb28);
}

namespace procedure {

// @rule R-61/2-DETECT (art. 61/2 §1): the first indications of the police or
// inspection services open the case; later indications change nothing.
void Replay::on_indications(const Event& e, const RuleSet& rs) {
    if (started_) {
        trace_.warn("R-61/2-DETECT", e.date,
                    Text("warn.further_indications",
                         {{"date", format_date(e.date)}, {"start", format_date(book_.first()->from)}}),
                    true);
        return;
    }
    started_ = true;
    majority_ = majority_date(c_.person.birth_date, rs);
    majority_done_ = *majority_ <= e.date;  // of age already: no milestone
    GuardContext g;
    Decision& dec = decide(e.date, "R-61/2-DETECT", e, Text());
    eligibility(e, rs, g, dec);
    Fired f = m_.fire(Trigger::indications, g);
    apply(f, e.date, e.date, rs, &e);
    if (!g.eligible) trace_.warn("R-ELIG", e.date, trace_.current().text);
}

void Replay::open_case(const Date& act) { book_.open(PeriodBook::bare(State::detected, act, trace_.current().rule)); }

// @rule R-ELIG (art. 61/2 §1, 61/3 §1; art. 433quinquies Criminal Code): who
// is covered, judged on the day of the indications: not a Belgian; for
// smuggling, only with an aggravating circumstance other than minority
// (minority alone: see R-MENA-ELIG), and not an EU/EEA national when the
// regime excludes them (eligibility.smuggling_excludes_eea).
// @rule R-MENA-ELIG (art. 61/3 §1, art. 77quater 1°): smuggling aggravated by minority alone
// covers an unaccompanied minor.
void Replay::eligibility(const Event& e, const RuleSet& rs, GuardContext& g, Decision& dec) const {
    trace_.read(dec, rs, {"eligibility.smuggling_excludes_eea", "majority.age", "majority.feb29"});
    dec.also.push_back("R-MINOR-AGE");
    const auto& p = c_.person;
    bool minor = minor_on(e.date);
    bool mena = p.unaccompanied && minor;
    Text why;
    if (p.nationality == "BE") {
        why = Text("elig.belgian");
    } else if (c_.offence.smuggling) {
        const auto& ag = c_.offence.aggravating;
        bool strong = std::any_of(ag.begin(), ag.end(), [](int n) { return n >= 2; });
        bool minority = std::find(ag.begin(), ag.end(), 1) != ag.end();
        if (minority && !strong) dec.also.push_back("R-MENA-ELIG");
        if (!strong && !(minority && mena)) {
            why = minority ? Text("elig.minority_only", {{"date", format_date(e.date)}}) : Text("elig.no_aggravation");
        } else if (rs.p.smuggling_excludes_eea && sel_.book().eea_national(p.nationality, e.date)) {
            why = Text("elig.eea", {{"nationality", p.nationality}, {"date", format_date(e.date)}});
        }
    }
    g.eligible = why.id.empty();
    // Not eligible: always built, the R-ELIG warning repeats it.
    if (!g.eligible) dec.text = why;
    else {
        static const char* const eligible[2][3] = {
            {"msg.eligible.trafficking", "msg.eligible.trafficking.minor", "msg.eligible.trafficking.mena"},
            {"msg.eligible.smuggling", "msg.eligible.smuggling.minor", "msg.eligible.smuggling.mena"}};
        dec.text = S61_TEXT(Id::literal(eligible[c_.offence.smuggling ? 1 : 0][mena ? 2 : minor ? 1 : 0]));
    }
}

// @rule R-MAJORITY (programme law of 24 December 2002, guardianship): the 18th birthday is a milestone of the
// replay; it ends the guardian's representation of an unaccompanied minor.
void Replay::majority_reached(const Date& d) {
    majority_done_ = true;
    Decision& dec = trace_.decide(d, "R-MAJORITY", "time:majority", std::nullopt,
                                  S61_TEXT(Id::literal(c_.person.unaccompanied ? "msg.majority.mena" : "msg.majority")), m_.state());
    dec.also.push_back("R-MINOR-AGE");
}

}  // namespace procedure
}  // namespace sejour61
