"""caseload_csv.py: a caseload of JSON lines as the CSV of docs/batch.md ("Caseloads in CSV"), for the tests:
one row per item of each history, every row naming its person."""
import json

KINDS = [  # (record, the history's array or object, columns)
    ("eligibility", "eligibility", ["date", "eligible"]),
    ("care_period", "care_periods", ["id", "start", "end", "setting", "budget", "weekly_cost", "weekly_charge",
                                     "invoiced_weekly", "top_ups", "other_services", "pays_accommodation_separately",
                                     "residence", "arrangement_fee"]),
    ("financial_assessment", "financial_assessments",
     ["date", "capital", "property", "income", "disability_related_expenditure", "housing_costs", "premiums",
      "home_occupied_by", "joint_capital", "partner.date_of_birth", "partner.in_same_care_home", "partner_income",
      "pension_passed_to_partner", "night_care_at_home"]),
    ("move", "moves", ["date", "to_authority"]),
    ("adjustment", "adjustments", ["date", "amount", "reason", "covers_from", "covers_to", "kind"]),
]
PERSON = ["date_of_birth", "authority", "as_of", "assessment_requested", "need_identified", "permanent_residence_from"]
ITEM_FIELDS = {"top_ups": ["payer", "weekly"], "other_services": ["kind", "weekly"], "income": ["kind", "weekly"],
               "partner_income": ["kind", "weekly"], "joint_capital": ["value", "owners"]}
COLUMNS = ["person", "record"]
for _, _, cols in KINDS:
    COLUMNS += [c for c in cols if c not in COLUMNS]
COLUMNS += [c for c in PERSON if c not in COLUMNS]


def cell(column, value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if column in ITEM_FIELDS:
            return ";".join(":".join(str(item[f]) for f in ITEM_FIELDS[column]) for item in value)
        return ";".join(value)
    text = str(value)
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text


def rows(history):
    pid = history["person"]["id"]
    fields = dict(history)
    fields["date_of_birth"] = history["person"].get("date_of_birth")
    out = [dict(person=pid, record="person", **{c: fields.get(c) for c in PERSON})]
    for record, array, cols in KINDS:
        for item in history.get(array, []):
            row = {"person": pid, "record": record}
            for c in cols:
                if c.startswith("partner."):
                    row[c] = (item.get("partner") or {}).get(c.split(".")[1])
                else:
                    row[c] = item.get(c)
            out.append(row)
    if "deferred_payment" in history:
        raise ValueError("deferred payments are not converted by this helper")
    return out


def convert(jsonl_path, csv_path):
    with open(jsonl_path) as f, open(csv_path, "w") as out:
        out.write(",".join(COLUMNS) + "\n")
        for line in f:
            if line.strip():
                for row in rows(json.loads(line)):
                    out.write(",".join(cell(c, row.get(c)) for c in COLUMNS) + "\n")
