-- The legal basis the documents cite (issue 11, item 3): the inspection plan's own number, date
-- and issuer once it is issued; per planned inspection, the decision establishing its team
-- (Quyết định thành lập Đoàn kiểm tra: number, date, who signed it); a person's unit, printed
-- beside their title in the team. NULL means not set yet: drafts print a blank to fill in and a
-- notice is not issued until the plan's and the decision's numbers and dates are set.
ALTER TABLE plans ADD COLUMN number TEXT CHECK (number IS NULL OR number <> '');
ALTER TABLE plans ADD COLUMN issued_on TEXT CHECK (issued_on IS NULL OR issued_on <> '');
ALTER TABLE plans ADD COLUMN issuer TEXT CHECK (issuer IS NULL OR issuer <> '');
ALTER TABLE plan_agencies ADD COLUMN decision_number TEXT CHECK (decision_number IS NULL OR decision_number <> '');
ALTER TABLE plan_agencies ADD COLUMN decision_date TEXT CHECK (decision_date IS NULL OR decision_date <> '');
ALTER TABLE plan_agencies ADD COLUMN decision_signer TEXT CHECK (decision_signer IS NULL OR decision_signer <> '');
ALTER TABLE profiles ADD COLUMN unit TEXT CHECK (unit IS NULL OR unit <> '');
