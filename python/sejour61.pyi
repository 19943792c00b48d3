"""Type stub for the sejour61 extension module."""
import datetime
import os
from typing import Any, Callable, Dict, Iterable, List, Optional, Union

import numpy

__version__: str

Case = Union[Dict[str, Any], str, bytes]
DateLike = Union[str, datetime.date]

class InputError(ValueError):
    path: Optional[str]   # the JSON path or argument at fault
    code: str             # "input", "usage" or "refused" (the error document's code)
    rule: Optional[str]   # for a refused event: the rule that refuses it
class RulesError(RuntimeError):
    path: Optional[str]
    code: str             # "rules"
    rule: Optional[str]

class Rules:
    def __init__(self, rules_dir: Optional[str] = None) -> None: ...
    def status(self, case: Case, on: Optional[DateLike] = None, rules: Optional[str] = None,
               reforms: List[str] = ..., lang: str = "en") -> Dict[str, Any]: ...
    def timeline(self, case: Case, on: Optional[DateLike] = None, rules: Optional[str] = None,
                 reforms: List[str] = ...) -> Dict[str, Any]: ...
    def explain(self, case: Case, on: Optional[DateLike] = None, rules: Optional[str] = None,
                reforms: List[str] = ..., lang: str = "en") -> Dict[str, Any]: ...
    def contest(self, case: Case, on: Optional[DateLike] = None, rules: Optional[str] = None,
                reforms: List[str] = ...) -> Dict[str, Any]: ...
    def compare(self, case: Case, rule_sets: List[str], on: Optional[DateLike] = None) -> Dict[str, Any]: ...
    def simulate(self, cases: Union[Iterable[Case], str, bytes, "os.PathLike[str]"], rule_sets: List[str],
                 on: Optional[DateLike] = None, threads: int = 0,
                 progress: Optional[Callable[[int, Optional[int]], Any]] = None) -> Dict[str, "numpy.ndarray"]: ...
    def next(self, case: Case, on: Optional[DateLike] = None, rules: Optional[str] = None,
             reforms: List[str] = ..., lang: str = "en") -> Dict[str, Any]: ...
    def report(self, case: Case, on: Optional[DateLike] = None, rules: Optional[str] = None,
               reforms: List[str] = ..., lang: str = "en") -> str: ...
    def check_event(self, case: Case, event: Union[Dict[str, Any], str], rules: Optional[str] = None,
                    reforms: List[str] = ..., lang: str = "en", strict: bool = False) -> Dict[str, Any]: ...
    def record(self, path: Union[str, "os.PathLike[str]"], event: Union[Dict[str, Any], str],
               rules: Optional[str] = None, reforms: List[str] = ..., lang: str = "en",
               strict: bool = False, by: Optional[str] = None) -> Dict[str, Any]: ...
    def amend(self, path: Union[str, "os.PathLike[str]"], position: int, event: Union[Dict[str, Any], str],
              rules: Optional[str] = None, reforms: List[str] = ..., lang: str = "en",
              strict: bool = False, by: Optional[str] = None) -> Dict[str, Any]: ...
    def undo(self, path: Union[str, "os.PathLike[str]"], rules: Optional[str] = None, reforms: List[str] = ...,
             lang: str = "en", by: Optional[str] = None) -> Dict[str, Any]: ...
    def describe(self) -> Dict[str, Any]: ...
    @property
    def rules_dir(self) -> str:
        """The directory the rule files were read from."""
        ...

def validate(case: Case) -> Dict[str, Any]: ...
def history(path: Union[str, "os.PathLike[str]"]) -> Dict[str, Any]: ...
