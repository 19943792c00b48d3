#include "facts.hpp"

namespace sejour61::procedure {

void FactsLedger::set(Fact& f, Tri v, const Event& e) {
    f.value = v;
    f.date = e.date;
    f.seq = seq_;
    f.source = event_type_name(e.type);
}

// @rule R-FACTS (art. 61/4 §1; procedure.md §7, §8): the conditions as the
// latest facts stand, with the overlays of the reforms.
Conditions FactsLedger::read(bool labour_track, bool waived) const {
    Conditions c;
    const Fact* victim = &victim_by_prosecutor;  // no copy: read() runs at every decision
    c.proceedings = proceedings.value;
    if (labour_track) {
        if (victim_by_labour_auditor.value != Tri::unknown &&
            (victim->value == Tri::unknown || victim_by_labour_auditor.seq > victim->seq))
            victim = &victim_by_labour_auditor;
        // Condition 2: a judgment against the worker fails it; pending labour
        // proceedings hold it whatever the criminal side says, unless a
        // proceedings_ended with another outcome than immunity comes later:
        // then the criminal facts decide as usual.
        if (labour_proceedings.value == Tri::fails) {
            c.proceedings = Tri::fails;
        } else if (labour_proceedings.value == Tri::holds) {
            bool ended_later = ended_other_than_immunity.value == Tri::fails &&
                               ended_other_than_immunity.seq > labour_proceedings.seq;
            if (!ended_later) c.proceedings = Tri::holds;
        }
    }
    c.victim = victim->value;
    c.cooperation = cooperation.value;
    c.identity = identity.value;
    if (waived) {
        c.victim = c.victim == Tri::fails ? Tri::fails : Tri::holds;
        c.proceedings = Tri::holds;
        c.cooperation = Tri::holds;
    }
    return c;
}

}  // namespace sejour61::procedure
