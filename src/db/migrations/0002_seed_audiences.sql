-- The audiences every story can be tailored to. Fixed ids: migrations run without application code.
INSERT INTO "audiences" ("id", "key", "name_nl", "name_en", "position", "active", "created_at", "updated_at") VALUES
  ('019ac000-0000-7000-8000-000000000001', 'candidates', 'Kandidaten', 'Candidates', 1, true, now(), now()),
  ('019ac000-0000-7000-8000-000000000002', 'colleagues', 'Collega''s', 'Colleagues', 2, true, now(), now()),
  ('019ac000-0000-7000-8000-000000000003', 'press', 'Pers', 'Press', 3, true, now(), now()),
  ('019ac000-0000-7000-8000-000000000004', 'public_affairs', 'Politiek en public affairs', 'Public affairs', 4, true, now(), now()),
  ('019ac000-0000-7000-8000-000000000005', 'partners', 'Partners en klanten', 'Partners & customers', 5, true, now(), now())
ON CONFLICT DO NOTHING;
