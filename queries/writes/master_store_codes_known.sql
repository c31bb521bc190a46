-- The codes among $codes of stored stores (an upload of agents checks its home store codes).
select store_code from stores where list_contains($codes, store_code)
