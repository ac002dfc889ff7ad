#!/usr/bin/env python3
"""Writes a deterministic infrastructure-style Markdown file of about SIZE bytes (default 1 MiB):
headings, paragraphs, lists, tables and fenced code in YAML, JSON, Bash and HCL."""
import sys

size = int(sys.argv[2]) if len(sys.argv) > 2 else 1 << 20
out = sys.argv[1] if len(sys.argv) > 1 else "infra.md"

def section(i):
    return f"""## Service {i}: capacity and deployment

The service runs behind the shared load balancer in two availability zones. It scales on request
rate with a floor of **two** instances and a ceiling of *twenty*, and its state lives in the
managed database. See `runbooks/service-{i}.md` for the on-call procedure.

- Minimum instances: 2
- Maximum instances: 20
  - scale out at 60 % CPU for 3 minutes
  - scale in at 30 % CPU for 15 minutes
- Health check: `GET /healthz` every 10 s

| Environment | Instances | Size | Monthly cost |
|---|---|---|---|
| dev | 1 | small | 38 |
| staging | 2 | medium | 152 |
| prod | 4 | large | 608 |

```yaml
service: service-{i}
replicas: 4
resources:
  cpu: 500m
  memory: 1Gi
env:
  - name: LOG_LEVEL
    value: info
```

```json
{{"service": "service-{i}", "alarms": [{{"metric": "p95_latency_ms", "threshold": 300}}], "owner": "platform"}}
```

```bash
#!/usr/bin/env bash
set -euo pipefail
for zone in a b; do
  aws ecs update-service --cluster prod-$zone --service service-{i} --desired-count 4
done
```

```hcl
resource "aws_autoscaling_group" "service_{i}" {{
  name             = "service-{i}"
  min_size         = 2
  max_size         = 20
  vpc_zone_identifier = var.private_subnet_ids
  tag {{
    key                 = "cost-centre"
    value               = "platform"
    propagate_at_launch = true
  }}
}}
```

"""

parts = ["# Infrastructure Architecture (generated for benchmarks)\n\n"]
total = len(parts[0])
i = 0
while total < size:
    s = section(i)
    parts.append(s)
    total += len(s.encode())
    i += 1
with open(out, "w", encoding="utf-8") as f:
    f.write("".join(parts))
print(f"wrote {out}: {total} bytes, {i} sections")
