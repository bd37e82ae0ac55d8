"""A throwaway identity provider for deploy/smoke.sh: writes a JWKS, prints RS256 tokens as shell lines.

`python deploy/smoke_idp.py DIR ISSUER AUDIENCE` writes DIR/jwks.json (served to the services by the
smoke-idp container) and prints `EDITOR=… LEARNER=… LEARNER_TOKEN=… ANALYST=…` for `eval`. The key lives
only in this process: the tokens expire in an hour and nothing can sign more after the run.
"""

import json
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm


def main(directory: Path, issuer: str, audience: str) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
    public |= {"kid": "smoke", "use": "sig", "alg": "RS256"}
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "jwks.json").write_text(json.dumps({"keys": [public]}))
    learner = str(uuid.uuid4())
    now = datetime.now(UTC)

    def token(subject: str, role: str) -> str:
        claims = {"sub": subject, "roles": [role], "iss": issuer, "aud": audience, "iat": now}
        claims["exp"] = now + timedelta(hours=1)
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": "smoke"})

    print(f"EDITOR={token('smoke-editor', 'content-editor')}")
    print(f"LEARNER={learner}")
    print(f"LEARNER_TOKEN={token(learner, 'learner')}")
    print(f"ANALYST={token('smoke-analyst', 'analyst')}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], sys.argv[3])
