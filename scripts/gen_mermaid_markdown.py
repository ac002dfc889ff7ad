#!/usr/bin/env python3
"""A deterministic Markdown document with many distinct Mermaid diagrams between short prose
sections: flowcharts with subgraphs, sequence, state, pie and ER diagrams (for timing `render`)."""
import random
import sys

out_path = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 200
rng = random.Random(7)
services = ["api", "web", "worker", "queue", "db", "cache", "auth", "cdn", "search", "billing"]


def flowchart(i):
    a, b, c, d = rng.sample(services, 4)
    direction = rng.choice(["LR", "TD"])
    return (
        f"flowchart {direction}\n"
        f"    user([User {i}]) --> lb[Load balancer {i}]\n"
        f"    subgraph vpc{i} [VPC {i}]\n"
        f"        lb --> {a}[{a.title()} {i}]\n"
        f"        {a} --> {b}[{b.title()}]\n"
        f"        subgraph data{i} [Data]\n"
        f"            {c}[({c.title()})]\n"
        f"            {d}[{d.title()}]\n"
        f"        end\n"
        f"        {b} --> {c}\n"
        f"        {b} -.-> {d}\n"
        f"    end\n"
    )


def sequence(i):
    a, b, c = rng.sample(services, 3)
    return (
        "sequenceDiagram\n"
        f"    participant {a}\n    participant {b}\n    participant {c}\n"
        f"    {a}->>{b}: request {i}\n"
        f"    {b}->>{c}: lookup {i}\n"
        f"    {c}-->>{b}: result\n"
        f"    {b}-->>{a}: response {i}\n"
    )


def state(i):
    return (
        "stateDiagram-v2\n"
        f"    [*] --> Pending{i}\n"
        f"    Pending{i} --> Running{i}: start\n"
        f"    Running{i} --> Done{i}: finish\n"
        f"    Running{i} --> Failed{i}: error\n"
        f"    Failed{i} --> Pending{i}: retry\n"
        f"    Done{i} --> [*]\n"
    )


def pie(i):
    parts = rng.sample(services, 4)
    return f'pie title Cost {i}\n' + "".join(
        f'    "{p}" : {rng.randint(5, 60)}\n' for p in parts
    )


def er(i):
    return (
        "erDiagram\n"
        f"    CUSTOMER{i} ||--o{{ ORDER{i} : places\n"
        f"    ORDER{i} ||--|{{ LINE{i} : contains\n"
    )


kinds = [flowchart, flowchart, sequence, state, pie, er]
with open(out_path, "w") as f:
    f.write("# Diagrams\n\n")
    for i in range(count):
        kind = kinds[i % len(kinds)]
        f.write(f"## Diagram {i}\n\nThe {kind.__name__} for part {i} of the platform.\n\n")
        f.write("```mermaid\n" + kind(i) + "```\n\n")
