// The diagram types of the template, one typical diagram each: shared by the Mermaid
// and render benchmarks (`include!`d).
/// One typical diagram per template type.
const DIAGRAMS: &[(&str, &str)] = &[
    (
        "flowchart",
        "flowchart LR\n  client[Client] -->|HTTPS| gw[API gateway]\n  gw --> svc[Payments service]\n  svc --> db[(Postgres)]\n  svc -.-> q[[Outbox queue]]\n  q --> worker[Worker]\n  worker --> psp{PSP}\n",
    ),
    (
        "state",
        "stateDiagram-v2\n  [*] --> Pending\n  Pending --> Authorized: authorize\n  Authorized --> Captured: capture\n  Authorized --> Voided: void\n  Captured --> Refunded: refund\n  Captured --> [*]\n  Voided --> [*]\n  Refunded --> [*]\n",
    ),
    (
        "sequence",
        "sequenceDiagram\n  participant C as Client\n  participant G as Gateway\n  participant P as Payments\n  C->>G: POST /payments\n  G->>P: create(payment)\n  P-->>G: 201 Created\n  G-->>C: 201 Created\n",
    ),
    (
        "er",
        "erDiagram\n  PAYMENT ||--o{ REFUND : has\n  PAYMENT {\n    uuid id PK\n    int amount\n    string currency\n  }\n  REFUND {\n    uuid id PK\n    uuid payment_id FK\n  }\n",
    ),
];
