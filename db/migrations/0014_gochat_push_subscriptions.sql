-- Web Push (issue 14): a browser's push subscription per user device. The sender finds the members of a
-- conversation who have one with one join against gochat_cursors per batch of messages, so users without a
-- subscription (nearly all) cost nothing. Rows go on sign-out, device revocation, and a 404/410 from the push service.
CREATE TABLE gochat_push_subscriptions (
    id           uuid        PRIMARY KEY,
    user_id      uuid        NOT NULL,
    -- The device session that subscribed; null for a development sign-in, which has none.
    device_id    uuid        NULL,
    endpoint     text        NOT NULL,
    p256dh       bytea       NOT NULL,
    auth         bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    -- The last push to this user (set on all their rows together): at most one push per user per interval.
    last_push_at timestamptz NULL,
    CONSTRAINT gochat_push_subscriptions_endpoint UNIQUE (endpoint)
);

CREATE INDEX gochat_push_subscriptions_user ON gochat_push_subscriptions (user_id);

-- Development only: a VAPID key pair generated once and shared by every silo of the dev cluster, so the
-- browser's subscription (made with the public key) keeps working across restarts. Production reads its key
-- pair from configuration and never writes here.
CREATE TABLE gochat_push_dev_vapid (
    id          smallint PRIMARY KEY CHECK (id = 1),
    public_key  text     NOT NULL,
    private_key text     NOT NULL
);
