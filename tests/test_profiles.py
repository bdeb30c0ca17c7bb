"""The four people: every profile loads, matches the schema, and keeps the seed's facts."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from renderer.inputs import load_profile
from renderer.profile.advice import lint
from renderer.profile.schema import SCHEMA_FILE, schema_json
from tests.conftest import PROFILES, ROOT

# At least fifteen distinctive facts per person, copied from the seed, that must survive into
# the profile (compared after joining every string of the profile).
FACTS = {
    "rui-shao": [
        "Rui Shao",
        "Datavisor",
        "Infrastructure Engineer",
        "Intel",
        "Cloud Software Development Engineer",
        "AWS (10+ regions)",
        "25+ clusters, 600+ nodes",
        "deployment time 30min → 5min",
        "incident recovery time -80%",
        "20–40% compute reduction without SLO impact",
        "200ms → 50ms latency",
        "YugaByte",
        "ClickHouse",
        "InfluxDB",
        "Loki",
        "https://github.com/ryan42xyz/production-infra-casebook",
        "https://github.com/ryan42xyz/architecture-notes",
        "https://github.com/ryan42xyz/ai-infra-lab",
        "Case studies and postmortems",
        "Chinese",
        "English",
        "Platform control",
        "topology-aware optimizations",
    ],
    "kaiyang": [
        "Kaiyang",
        "Carnegie Mellon University",
        "Databricks",
        "IAM Infra team",
        "Amazon Web Services",
        "DynamoDB Core Services",
        "$1.5 million cost reduction",
        "over 100ms reduction in P100 latency",
        "Analytics 4 Everyone LLC",
        "60 million podcast episodes",
        "10,000+ users",
        "around 55%",
        "around 88%",
        "from 800+ hours to within 72 hours",
        "Google’s developer community",
        "95%+ positive feedback rate",
        "Multidisciplinary Design Program",
        "University of Michigan",
        "more than 180 benchmarks",
        "Trace Collector",
        "E-graph, Equality Saturation, and Inverse Transformation in Rust",
        "distributed systems, cloud computing, and operating systems",
    ],
    "amazon-bedrock-engineer": [
        "Software Development Engineer II",
        "Amazon",
        "Bedrock Infrastructure",
        "Tokio",
        "AppConfig",
        "CDK",
        "Inference Scheduling Service (Rudi)",
        "1000+ TPS",
        "Priority Queue Migration",
        "(P5–P100)",
        "values 0–150",
        "Quality of Service (QoS)",
        "RudiPriority → QoS 0/1/10",
        "RAMA Classification Consolidation",
        "ServiceTier API",
        "service_tier.json, 15+ rules",
        "Leader-Follower & Game Day",
        "27 Game Day failure scenarios",
        "Operations & Full-CD",
        "Resolved 800+ tickets",
        "reducing false positives by 70%",
        "reduced MTTR by 60%",
        "Amazon Nova family",
    ],
    "ao-wang": [
        "Ao Wang",
        "SRE Tech Lead",
        "11 years",
        "Shanghai and Singapore",
        "TikTok/ByteDance",
        "Tencent",
        "Sea",
        "Garena",
        "Apache ShardingSphere",
        "Back-end Developer",
        "10 reviews, 14 commits, 19 PRs in 10 months",
        "CosIdKeyGenerateAlgorithm",
        "CosIdSnowflakeIntervalShardingAlgorithm",
        "CosIdIntervalShardingAlgorithm",
        "CosIdModShardingAlgorithm",
        "55 releases, 1 review, 483 PRs in 1 year 4 months",
        "Donghua University",
        "Fudan University",
        "Computer Software Engineering",
        "Master of Science (MS)",
        "9 years of employment as a software developer",
        "millions of RPS",
        "tens of thousands of hosts",
        "eventsourcing",
    ],
}

# Things the seeds do not say: none may appear (no invented contact details or names).
NOT_IN_SEEDS = ["@", "+1", "phone", "Prog,AI", "Find and Hire", "Sign-up", "â€", "ðŸ"]


def _all_text(path):
    return json.dumps(yaml.safe_load(path.read_text("utf-8")), ensure_ascii=False)


def test_the_four_people_are_here():
    assert sorted(FACTS) == sorted(p.stem for p in PROFILES)


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_profile_loads_and_matches_the_schema(path):
    load_profile(path)
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    jsonschema.validate(yaml.safe_load(path.read_text("utf-8")), schema)
    assert path.read_text("utf-8").startswith(
        "# yaml-language-server: $schema=../renderer/profile/profile.schema.json"
    )


@pytest.mark.parametrize("person", sorted(FACTS))
def test_profile_keeps_the_seed_facts(person):
    text = _all_text(ROOT / "profiles" / f"{person}.yaml")
    missing = [fact for fact in FACTS[person] if fact not in text]
    assert not missing, f"{person} lost facts of its seed: {missing}"
    assert len(FACTS[person]) >= 15


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_profile_invents_nothing(path):
    profile = load_profile(path).profile
    assert profile.email is None and profile.phone is None
    text = _all_text(path)
    assert not [s for s in NOT_IN_SEEDS if s in text]


def test_the_nameless_seed_stays_nameless():
    assert load_profile(ROOT / "profiles" / "amazon-bedrock-engineer.yaml").profile.name is None


def test_the_seed_without_dates_gets_none():
    profile = load_profile(ROOT / "profiles" / "ao-wang.yaml").profile
    assert all(job.start is None and job.end is None for job in profile.experience)


def test_the_shipped_schema_is_current():
    assert SCHEMA_FILE.read_text("utf-8") == schema_json(), "run: resume schema -o " + str(
        SCHEMA_FILE
    )


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_only_the_expected_warnings(path):
    messages = [w.message for w in lint(load_profile(path))]
    assert any("no e-mail or phone" in m for m in messages)
    expected_nameless = path.stem == "amazon-bedrock-engineer"
    assert any("no name" in m for m in messages) == expected_nameless
    assert len(messages) == 1 + expected_nameless


def test_every_field_of_the_schema_is_described():
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    models = {"Profile": schema, **schema["$defs"]}
    undocumented = [
        f"{model}.{name}"
        for model, body in models.items()
        for name, field in body.get("properties", {}).items()
        if not field.get("description")
    ]
    assert not undocumented
