SELECT json_build_object('data', json_build_object('__typename', 'Query'));
